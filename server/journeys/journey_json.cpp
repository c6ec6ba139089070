#include "server/journeys/journey_json.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/api/patient_view.h"
#include "base/failure.h"
#include "server/db/statement.h"
#include "server/journeys/manufacturer_identifiers.h"
#include "server/rules/site_rules.h"
#include "workflows/time_point.h"

namespace cj::journeys {

namespace json = boost::json;

namespace {

constexpr db::Statement kJourney{
    "journeys_json_journey",
    "SELECT j.id, j.coi, j.product, s.code, j.status, iso_utc(j.created_at), p.mrn, p.initials, "
    "p.date_of_birth::text, j.site_id, j.physician FROM journeys j JOIN sites s ON s.id = j.site_id JOIN patients p ON p.id = j.patient_id "
    "WHERE j.id = $1"};

json::value text_or_null(const std::string& text) { return text.empty() ? json::value(nullptr) : json::value(text); }

json::array strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

api::PatientIdentifiers identifiers_of(const pqxx::row& row) {
  api::PatientIdentifiers identifiers{row[7].as<std::string>(), row[6].as<std::string>(), std::nullopt};
  if (!row[8].is_null()) identifiers.date_of_birth = row[8].as<std::string>();
  return identifiers;
}

}  // namespace

api::PatientIdentifiers patient_of(pqxx::transaction_base& tx, std::int64_t journey_id) {
  return identifiers_of(db::exec1(tx, kJourney, journey_id));
}

json::object journey_json(pqxx::transaction_base& tx, std::int64_t journey_id, const api::Principal& who) {
  const auto row = db::exec1(tx, kJourney, journey_id);
  const auto site_id = row[9].as<std::int64_t>();
  json::object patient = api::patient_json(who, site_id, identifiers_of(row));
  // The labels of the manufacturer's identifiers come from the product's definition (cached);
  // without usable rules the values are shown with their kinds alone.
  std::shared_ptr<const rules::LoadedRules> rules;
  try {
    rules = rules::site_definition(tx, site_id, row[2].as<std::string>());
  } catch (const base::Failure&) {
  }
  return json::object{
      {"id", row[0].as<std::int64_t>()},
      {"coi", row[1].as<std::string>()},
      {"product", row[2].as<std::string>()},
      {"site", row[3].as<std::string>()},
      {"status", row[4].as<std::string>()},
      {"created_at", row[5].as<std::string>()},
      {"physician", row[10].is_null() ? json::value(nullptr) : json::value(row[10].as<std::string>())},
      {"identifiers", identifiers_json(tx, row[0].as<std::int64_t>(), rules ? &rules->definition : nullptr)},
      {"patient", std::move(patient)}};
}

json::object unit_json(const workflows::Unit& unit) {
  json::object out{{"kind", unit.kind},
                   {"din", text_or_null(unit.din)},
                   {"product_code", text_or_null(unit.product_code)},
                   {"id", text_or_null(unit.id)},
                   {"key", unit.key()},
                   {"expires_at", nullptr},
                   {"dose", nullptr},
                   {"colour", text_or_null(unit.colour)}};
  if (unit.expires_at) out["expires_at"] = workflows::format_time(*unit.expires_at);
  if (unit.dose) out["dose"] = *unit.dose;
  return out;
}

json::object event_json(const journal::StoredEvent& stored, const ScanViewer& viewer) {
  json::array scans;
  for (const auto& scan : stored.event.scans) {
    scans.emplace_back(api::shown_scan(viewer.who, viewer.site_id, scan, {viewer.mrn, viewer.wristband}));
  }
  json::object decision = stored.decision_json;
  decision["event_id"] = stored.id;
  json::object out{{"id", stored.id},
                   {"seq", stored.seq},
                   {"step", stored.event.step},
                   {"occurred_at", workflows::format_time(stored.event.occurred_at)},
                   {"recorded_at", stored.recorded_at},
                   {"station", text_or_null(stored.event.station)},
                   {"operators", strings(stored.event.operators)},
                   {"scans", std::move(scans)},
                   {"data", stored.event.data},
                   {"units", strings(stored.units)},
                   {"corrects_event_id", nullptr},
                   {"correction_reason", nullptr},
                   {"decision", std::move(decision)}};
  if (stored.corrects_event_id) out["corrects_event_id"] = *stored.corrects_event_id;
  if (stored.correction_reason) out["correction_reason"] = *stored.correction_reason;
  return out;
}

json::object deviation_json(const journal::StoredDeviation& d) {
  json::object out{
      {"id", d.id},     {"event_id", nullptr},  {"code", d.code},     {"severity", d.severity},  {"message", d.message},
      {"rule", d.rule}, {"subject", d.subject}, {"status", d.status}, {"raised_at", d.raised_at}};
  if (d.event_id) out["event_id"] = *d.event_id;
  return out;
}

}  // namespace cj::journeys
