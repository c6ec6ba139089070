#include "server/temperature/reading_store.h"

#include <algorithm>
#include <cstdio>

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "workflows/time_point.h"

namespace cj::temperature {
namespace {

constexpr db::Statement kFindUnit{
    "temperature_find_unit",
    "SELECT id FROM units WHERE journey_id = $1 AND (external_id = $2 OR din = $2) ORDER BY id LIMIT 1"};
// One statement per batch: the readings as three arrays, unnested (a logger's fortnight at one
// reading a minute is 20,160 rows; one INSERT each would be 20,160 round trips).
constexpr db::Statement kInsert{
    "temperature_insert_readings",
    "INSERT INTO temperature_readings (unit_id, journey_id, logger_serial, taken_at, celsius, source, place_kind, place)"
    " SELECT $1::bigint, $2, r.logger, r.taken_at, r.celsius, $6, $7, $8"
    " FROM unnest($3::text[], $4::timestamptz[], $5::numeric[]) AS r (logger, taken_at, celsius)"
    " ON CONFLICT (journey_id, logger_serial, taken_at) DO NOTHING RETURNING id"};
constexpr std::size_t kBatch = 5000;

// A PostgreSQL array literal of texts: {"a","b"} with \ and " escaped.
std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (const char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

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
  for (std::size_t start = 0; start < readings.size(); start += kBatch) {
    const auto batch = readings.subspan(start, std::min(kBatch, readings.size() - start));
    std::vector<std::string> loggers, times, values;
    for (const hardware::TemperatureReading& reading : batch) {
      loggers.push_back(reading.logger);
      times.push_back(workflows::format_time(reading.at));
      char number[32];
      std::snprintf(number, sizeof number, "%.2f", reading.celsius);
      values.push_back(number);
    }
    const auto rows = db::exec(tx, kInsert, unit_param, journey_id, array_literal(loggers), array_literal(times),
                               array_literal(values), source, placement.kind, placement.place);
    count.recorded += static_cast<int>(rows.size());
    count.already += static_cast<int>(batch.size() - rows.size());
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
