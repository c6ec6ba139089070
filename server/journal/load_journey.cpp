#include "server/journal/load_journey.h"

#include <boost/json/parse.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/event_record.h"
#include "server/journal/sql_params.h"
#include "workflows/codes.h"
#include "workflows/engine.h"
#include "workflows/json_io.h"

namespace cj::journal {

using storage::Status;

namespace {

namespace json = boost::json;

json::object parse_object(const std::string& text) {
  json::value value = json::parse(text);
  if (!value.is_object()) throw std::runtime_error("expected a JSON object, got: " + text);
  return std::move(value.get_object());
}

workflows::TimePoint parse_seconds(const std::string& text) {
  auto time = workflows::parse_time(text);
  if (!time) throw std::runtime_error("unexpected time text from the database: " + text);
  return *time;
}

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

std::optional<std::int64_t> optional_id(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::int64_t>();
}

constexpr char kSelectJourney[] =
    "SELECT j.id, j.coi, j.product, j.site_id, j.patient_id, j.status,"
    " to_char(j.created_at AT TIME ZONE 'UTC', $2), j.created_by, j.chain_seq, coalesce(p.wristband, p.mrn)"
    " FROM journeys j JOIN patients p ON p.id = j.patient_id";
constexpr auto kJourneyByIdSql = db::sql(kSelectJourney, " WHERE j.id = $1");
constexpr db::Statement kJourneyById{"journal_load_journey_by_id", kJourneyByIdSql.data()};
constexpr auto kJourneyByCoiSql = db::sql(kSelectJourney, " WHERE j.coi = $1");
constexpr db::Statement kJourneyByCoi{"journal_load_journey_by_coi", kJourneyByCoiSql.data()};

constexpr db::Statement kUnits{
    "journal_load_units",
    "SELECT kind, din, product_code, external_id, to_char(expires_at AT TIME ZONE 'UTC', $2), dose, colour"
    " FROM units WHERE journey_id = $1 ORDER BY id"};
constexpr db::Statement kEvents{
    "journal_load_events",
    "SELECT id, seq, step, to_char(occurred_at AT TIME ZONE 'UTC', $2), to_char(recorded_at AT TIME ZONE 'UTC', $3),"
    " station_id, station, to_jsonb(operators)::text, to_jsonb(scans)::text, data::text, to_jsonb(units)::text,"
    " decision, decision_json::text, corrects_event_id, correction_reason, idempotency_key"
    " FROM events WHERE journey_id = $1 ORDER BY seq"};
constexpr db::Statement kOpenDeviations{"journal_load_open_deviations",
                                        "SELECT id, event_id, code, severity, message, rule, subject, status,"
                                        " to_char(raised_at AT TIME ZONE 'UTC', $2)"
                                        " FROM deviations WHERE journey_id = $1 AND status <> 'closed' ORDER BY id"};

storage::Result<LoadedJourney> load(pqxx::transaction_base& tx, const pqxx::result& rows) {
  if (rows.empty()) return Status::not_found("no such journey");
  LoadedJourney out;
  const auto& r = rows[0];
  JourneyRow& j = out.journey;
  j.id = r[0].as<std::int64_t>();
  j.coi = r[1].as<std::string>();
  j.product = r[2].as<std::string>();
  j.site_id = r[3].as<std::int64_t>();
  j.patient_id = r[4].as<std::int64_t>();
  j.status = r[5].as<std::string>();
  j.created_at = r[6].as<std::string>();
  j.created_by = r[7].as<std::int64_t>();
  j.chain_seq = r[8].as<int>();
  out.identity.coi = j.coi;
  out.identity.wristband = r[9].as<std::string>();

  for (const auto& u : db::exec(tx, kUnits, j.id, "YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"")) {
    workflows::Unit unit;
    unit.kind = u[0].as<std::string>();
    unit.din = u[1].as<std::string>(std::string());
    unit.product_code = u[2].as<std::string>(std::string());
    unit.id = u[3].as<std::string>(std::string());
    if (!u[4].is_null()) unit.expires_at = parse_seconds(u[4].as<std::string>());
    if (!u[5].is_null()) unit.dose = u[5].as<int>();
    unit.colour = u[6].as<std::string>(std::string());
    out.identity.units.push_back(std::move(unit));
  }

  for (const auto& e : db::exec(tx, kEvents, j.id, "YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"", kTimeFormat)) {
    StoredEvent event;
    event.id = e[0].as<std::int64_t>();
    event.seq = e[1].as<int>();
    event.event.journey = j.coi;
    event.event.step = e[2].as<std::string>();
    event.event.occurred_at = parse_seconds(e[3].as<std::string>());
    event.recorded_at = e[4].as<std::string>();
    event.station_id = optional_id(e[5]);
    event.event.station = e[6].as<std::string>(std::string());
    event.event.operators = detail::strings_from_json_array(e[7].as<std::string>());
    event.event.scans = detail::strings_from_json_array(e[8].as<std::string>());
    event.event.data = parse_object(e[9].as<std::string>());
    event.units = detail::strings_from_json_array(e[10].as<std::string>());
    event.accepted = e[11].as<std::string>() == "accepted";
    event.decision_json = parse_object(e[12].as<std::string>());
    event.corrects_event_id = optional_id(e[13]);
    event.correction_reason = optional_text(e[14]);
    event.event.idempotency_key = e[15].as<std::string>(std::string());
    out.events.push_back(std::move(event));
  }

  for (const auto& d : db::exec(tx, kOpenDeviations, j.id, kTimeFormat)) {
    StoredDeviation deviation;
    deviation.id = d[0].as<std::int64_t>();
    deviation.event_id = optional_id(d[1]);
    deviation.code = d[2].as<std::string>();
    deviation.severity = d[3].as<std::string>();
    deviation.message = d[4].as<std::string>();
    deviation.rule = d[5].as<std::string>();
    deviation.subject = d[6].as<std::string>();
    deviation.status = d[7].as<std::string>();
    deviation.raised_at = d[8].as<std::string>();
    out.open_deviations.push_back(std::move(deviation));
  }
  return out;
}

}  // namespace

storage::Result<LoadedJourney> load_journey(pqxx::transaction_base& tx, std::int64_t journey_id) {
  auto loaded = load(tx, db::exec(tx, kJourneyById, journey_id, kTimeFormat));
  if (!loaded.ok()) return Status::not_found("no journey with id " + std::to_string(journey_id));
  return loaded;
}

storage::Result<LoadedJourney> load_journey(pqxx::transaction_base& tx, const std::string& coi) {
  auto loaded = load(tx, db::exec(tx, kJourneyByCoi, coi, kTimeFormat));
  if (!loaded.ok()) return Status::not_found("no journey with COI " + coi);
  return loaded;
}

void add_appended(LoadedJourney& journey, const NewEvent& appended_from, const AppendedEvent& appended) {
  StoredEvent stored;
  stored.id = appended.event_id;
  stored.seq = appended.seq;
  stored.event = appended_from.event;
  stored.station_id = appended_from.station_id;
  stored.recorded_at = appended.recorded_at;
  stored.accepted = appended_from.decision.accepted;
  stored.decision_json = workflows::to_json(appended_from.decision);
  stored.decision_json.erase("event_id");  // as append_event records it
  stored.units = appended_from.decision.units;
  stored.corrects_event_id = appended_from.corrects_event_id;
  if (stored.corrects_event_id) stored.correction_reason = appended_from.correction_reason;
  journey.events.push_back(std::move(stored));
  journey.journey.chain_seq = appended.seq;

  const auto& findings = appended_from.decision.deviations;
  for (std::size_t i = 0; i < findings.size() && i < appended.deviation_ids.size(); ++i) {
    StoredDeviation deviation;
    deviation.id = appended.deviation_ids[i];  // newer than every loaded one: the order by id holds
    deviation.event_id = appended.event_id;
    deviation.code = std::string(workflows::code_name(findings[i].code));
    deviation.severity = std::string(workflows::severity_name(findings[i].severity));
    deviation.message = findings[i].message;
    deviation.rule = findings[i].rule;
    deviation.status = "open";
    journey.open_deviations.push_back(std::move(deviation));
  }
}

workflows::Context context_of(const LoadedJourney& journey,
                              std::map<std::string, workflows::Operator, std::less<>> operators) {
  workflows::Context context{journey.identity, std::move(operators), {}};
  for (const StoredDeviation& stored : journey.open_deviations) {
    workflows::OpenDeviation deviation{stored.id, stored.code, {}, ""};
    if (stored.event_id) {
      for (const StoredEvent& event : journey.events) {
        if (event.id != *stored.event_id) continue;
        deviation.units = event.units;
        deviation.step = event.event.step;
        break;
      }
    }
    context.deviations.push_back(std::move(deviation));
  }
  return context;
}

workflows::History history(const LoadedJourney& journey, const workflows::Definition& definition) {
  workflows::History out;
  for (const StoredEvent& stored : journey.events) {
    if (!stored.accepted) continue;
    workflows::Decision decision;
    decision.units = stored.units;
    out.push_back(workflows::record(definition, stored.event, decision, stored.id));
  }
  return out;
}

}  // namespace cj::journal
