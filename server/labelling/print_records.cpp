#include "server/labelling/print_records.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/db/statement.h"
#include "labels/render.h"

namespace cj::labelling {

namespace {

namespace json = boost::json;
using base::Failure;

// Serialises prints of one unit until commit. An advisory lock, not SELECT ... FOR UPDATE: that
// needs UPDATE rights on units, which the server's role no longer has (0011: identity is
// written once). 0x4C424C50 is "LBLP", this lock's namespace.
constexpr db::Statement kLockUnit{
    "labelling_lock_unit",
    "SELECT id, pg_advisory_xact_lock(1279413328, (id % 2147483648)::integer) FROM units WHERE id = $1"};
constexpr db::Statement kPrintsSoFar{
    "labelling_prints_so_far",
    "SELECT count(*) FROM label_prints WHERE unit_id = $1 AND template = $2 AND outcome IS DISTINCT FROM 'failed'"};
constexpr db::Statement kInsert{
    "labelling_print_insert",
    "INSERT INTO label_prints (journey_id, unit_id, template, template_version, data, format, dpi, printer_id,"
    " printer_uri, station_id, user_id, reprint, reason, bytes)"
    " VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10::bigint, $11::bigint, $12, $13, $14) RETURNING id"};
constexpr db::Statement kFinish{
    "labelling_print_finish",
    "UPDATE label_prints SET outcome = CASE WHEN $2::text IS NULL THEN 'printed' ELSE 'failed' END, error = $2,"
    " finished_at = now() WHERE id = $1 AND outcome IS NULL"};
constexpr char kSelect[] =
    "SELECT lp.id, j.coi, u.din, coalesce(u.product_code, ''), lp.template, lp.template_version, lp.data::text,"
    " lp.format, lp.dpi, p.name, s.code, us.username, lp.reprint, lp.reason, lp.bytes, iso_utc(lp.requested_at),"
    " coalesce(lp.outcome, 'unconfirmed'), lp.error, iso_utc(lp.finished_at)"
    " FROM label_prints lp JOIN journeys j ON j.id = lp.journey_id JOIN units u ON u.id = lp.unit_id"
    " JOIN printers p ON p.id = lp.printer_id LEFT JOIN stations s ON s.id = lp.station_id"
    " LEFT JOIN users us ON us.id = lp.user_id ";
constexpr auto kByIdSql = db::sql(kSelect, "WHERE lp.id = $1");
constexpr db::Statement kById{"labelling_print_by_id", kByIdSql.data()};
constexpr auto kByUnitSql = db::sql(kSelect, "WHERE lp.unit_id = $1 ORDER BY lp.id");
constexpr db::Statement kByUnit{"labelling_prints_by_unit", kByUnitSql.data()};

json::value text_or_null(const pqxx::field& f) {
  if (f.is_null()) return nullptr;
  return json::value(f.as<std::string>());
}

json::object record_of(const pqxx::row& r) {
  const std::string code = r[3].as<std::string>();
  return {{"id", r[0].as<std::int64_t>()},
          {"journey", r[1].as<std::string>()},
          {"unit", code.empty() ? r[2].as<std::string>() : r[2].as<std::string>() + "/" + code},
          {"template", r[4].as<std::string>()},
          {"template_version", r[5].as<int>()},
          {"data", json::parse(r[6].as<std::string>())},
          {"format", r[7].as<std::string>()},
          {"dpi", r[8].as<int>()},
          {"printer", r[9].as<std::string>()},
          {"station", text_or_null(r[10])},
          {"user", text_or_null(r[11])},
          {"reprint", r[12].as<int>()},
          {"reason", text_or_null(r[13])},
          {"bytes", r[14].as<std::int64_t>()},
          {"requested_at", r[15].as<std::string>()},
          {"outcome", r[16].as<std::string>()},
          {"error", text_or_null(r[17])},
          {"finished_at", text_or_null(r[18])}};
}

}  // namespace

int prints_so_far(pqxx::transaction_base& tx, std::int64_t unit_id, const std::string& template_name) {
  db::exec1(tx, kLockUnit, unit_id);
  return db::exec1(tx, kPrintsSoFar, unit_id, template_name)[0].as<int>();
}

std::int64_t begin_print(pqxx::transaction_base& tx, const PrintAttempt& attempt, const api::Principal& who,
                         int reprint) {
  if (reprint > 0 && !attempt.reason) {
    throw Failure(base::ErrorKind::invalid, "REASON_REQUIRED",
                  "This " + attempt.template_name + " label of unit " + attempt.unit.key() + " was printed " +
                      std::to_string(reprint) + " time(s) already; a reprint needs a reason.",
                  "reason");
  }
  const std::optional<std::string> station = who.is_station() ? std::optional(std::to_string(who.id)) : std::nullopt;
  const std::optional<std::string> user = who.is_station() ? std::nullopt : std::optional(std::to_string(who.id));
  auto c_str = [](const std::optional<std::string>& text) { return text ? text->c_str() : nullptr; };
  return db::exec1(tx, kInsert, attempt.unit.journey_id, attempt.unit.id, attempt.template_name,
                   attempt.template_version, json::serialize(attempt.data),
                   std::string(labels::format_name(attempt.printer.format)), attempt.printer.dpi, attempt.printer.id,
                   attempt.printer.uri, c_str(station), c_str(user), reprint, c_str(attempt.reason),
                   static_cast<std::int64_t>(attempt.bytes))[0]
      .as<std::int64_t>();
}

void finish_print(pqxx::transaction_base& tx, std::int64_t id, const std::optional<std::string>& error) {
  db::exec0(tx, kFinish, id, error ? error->c_str() : nullptr);
}

json::object print_record(pqxx::transaction_base& tx, std::int64_t id) { return record_of(db::exec1(tx, kById, id)); }

json::array print_history(pqxx::transaction_base& tx, std::int64_t unit_id) {
  json::array out;
  for (const auto& r : db::exec(tx, kByUnit, unit_id)) out.push_back(record_of(r));
  return out;
}

}  // namespace cj::labelling
