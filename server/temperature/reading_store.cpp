#include "server/temperature/reading_store.h"

#include <map>

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "workflows/time_point.h"

namespace cj::temperature {
namespace {

constexpr db::Statement kFindUnit{
    "temperature_find_unit",
    "SELECT id FROM units WHERE journey_id = $1 AND (external_id = $2 OR din = $2) ORDER BY id LIMIT 1"};
constexpr db::Statement kInsert{
    "temperature_insert_reading",
    "INSERT INTO temperature_readings (unit_id, journey_id, logger_serial, taken_at, celsius, source, place_kind, place)"
    " VALUES ($1::bigint, $2, $3, $4::timestamptz, $5, $6, $7, $8)"
    " ON CONFLICT (logger_serial, taken_at) DO NOTHING RETURNING id"};
constexpr db::Statement kSeries{
    "temperature_journey_series",
    "SELECT logger_serial, place_kind, place, extract(epoch FROM taken_at)::bigint, celsius::float8"
    " FROM temperature_readings WHERE journey_id = $1 ORDER BY logger_serial, place_kind, taken_at"};

std::optional<std::int64_t> find_unit(pqxx::transaction_base& tx, std::int64_t journey_id, const std::string& key) {
  if (key.empty()) return std::nullopt;
  const auto rows = db::exec(tx, kFindUnit, journey_id, key);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::int64_t>();
}

}  // namespace

StoreCount store_readings(pqxx::transaction_base& tx, std::int64_t journey_id, const Placement& placement,
                          const std::string& source, std::span<const hardware::TemperatureReading> readings) {
  std::optional<std::int64_t> unit_id = find_unit(tx, journey_id, placement.unit);
  if (!unit_id) unit_id = find_unit(tx, journey_id, placement.place);
  const std::string unit_text = unit_id ? std::to_string(*unit_id) : "";
  const char* unit_param = unit_id ? unit_text.c_str() : nullptr;  // NULL: no unit named
  StoreCount count;
  for (const hardware::TemperatureReading& reading : readings) {
    const auto rows = db::exec(tx, kInsert, unit_param, journey_id, reading.logger, workflows::format_time(reading.at),
                               reading.celsius, source, placement.kind, placement.place);
    ++(rows.empty() ? count.already : count.recorded);
  }
  return count;
}

std::vector<LoggedSeries> journey_series(pqxx::transaction_base& tx, std::int64_t journey_id) {
  std::vector<LoggedSeries> series;
  for (const auto& row : db::exec(tx, kSeries, journey_id)) {
    const std::string logger = row[0].as<std::string>();
    const std::string kind = row[1].as<std::string>();
    if (series.empty() || series.back().logger != logger || series.back().kind != kind) {
      series.push_back({logger, kind, row[2].as<std::string>(), {}});
    }
    series.back().samples.push_back(
        {workflows::TimePoint{std::chrono::seconds{row[3].as<std::int64_t>()}}, row[4].as<double>()});
  }
  return series;
}

}  // namespace cj::temperature
