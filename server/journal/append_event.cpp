#include "server/journal/append_event.h"

#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/canonical_json.h"
#include "server/journal/event_record.h"
#include "server/journal/facts.h"
#include "server/journal/hash.h"
#include "server/journal/sql_params.h"
#include "workflows/codes.h"
#include "workflows/json_io.h"

namespace cj::journal {

using storage::Status;

namespace {

Status check_text(const NewEvent& e) {
  const workflows::Event& event = e.event;
  if (event.step.empty() || event.step.size() > 100)
    return Status::invalid_argument("an event needs a step (1-100 bytes)");
  if (event.idempotency_key.size() > 200) return Status::invalid_argument("an idempotency key has at most 200 bytes");
  bool ok = storable_text(event.step) && storable_text(event.station) && storable_text(event.idempotency_key) &&
            storable_json(event.data);
  for (const auto& s : event.operators) ok = ok && storable_text(s);
  for (const auto& s : event.scans) ok = ok && storable_text(s);
  for (const auto& s : e.decision.units) ok = ok && storable_text(s);
  if (e.correction_reason) ok = ok && storable_text(*e.correction_reason);
  for (const auto& f : e.decision.deviations) ok = ok && storable_text(f.message) && storable_text(f.rule);
  for (const auto& f : e.decision.refusals) ok = ok && storable_text(f.message) && storable_text(f.rule);
  if (!ok) return Status::invalid_argument("the event holds text that is not UTF-8 or contains a NUL character");
  const bool has_reason =
      e.correction_reason.has_value() && e.correction_reason->find_first_not_of(" \t\r\n") != std::string::npos;
  if (e.corrects_event_id.has_value() != has_reason) {
    return Status::invalid_argument("a correction names the event it corrects and gives a reason, both or neither");
  }
  return {};
}

std::optional<std::string> non_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

constexpr db::Statement kLockJourney{"journal_append_lock_journey", "SELECT 1 FROM journeys WHERE id = $1 FOR UPDATE"};
// The lock that serialises appends to this journey; held until the caller's commit/abort.
constexpr db::Statement kLockChainHead{
    "journal_append_lock_chain_head",
    "SELECT coi, chain_seq, encode(chain_head, 'hex') FROM journeys WHERE id = $1 FOR UPDATE"};
constexpr db::Statement kCorrectedJourney{"journal_append_corrected_journey",
                                          "SELECT journey_id FROM events WHERE id = $1"};
constexpr db::Statement kClock{"journal_append_clock", "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', $1)"};
constexpr db::Statement kInsertEvent{
    "journal_append_insert_event",
    "INSERT INTO events (journey_id, seq, step, occurred_at, recorded_at, station_id, station, operators,"
    " scans, data, units, decision, decision_json, corrects_event_id, correction_reason, idempotency_key,"
    " canonical, prev_hash, hash, typed)"
    " VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6::bigint, $7,"
    " ARRAY(SELECT jsonb_array_elements_text($8::jsonb)), ARRAY(SELECT jsonb_array_elements_text($9::jsonb)),"
    " $10::jsonb, ARRAY(SELECT jsonb_array_elements_text($11::jsonb)), $12, $13::jsonb, $14::bigint, $15,"
    " $16, $17, decode($18, 'hex'), decode($19, 'hex'), $20::smallint[]) RETURNING id"};
constexpr db::Statement kAdvanceChain{
    "journal_append_advance_chain", "UPDATE journeys SET chain_seq = $2, chain_head = decode($3, 'hex') WHERE id = $1"};
constexpr db::Statement kRaiseDeviation{
    "journal_append_raise_deviation",
    "WITH raised AS (INSERT INTO deviations (journey_id, event_id, code, severity, message, rule)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id)"
    " INSERT INTO deviation_events (deviation_id, action) SELECT id, 'raised' FROM raised"
    " RETURNING deviation_id"};

}  // namespace

namespace {

// The typed indexes as a PostgreSQL array literal, or NULL when none.
std::optional<std::string> typed_array(const std::vector<int>& typed) {
  if (typed.empty()) return std::nullopt;
  std::string text = "{";
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (i) text += ",";
    text += std::to_string(typed[i]);
  }
  text += "}";
  return text;
}

}  // namespace

storage::Status lock_journey(pqxx::transaction_base& tx, std::int64_t journey_id) {
  if (db::exec(tx, kLockJourney, journey_id).empty()) {
    return Status::not_found("no journey with id " + std::to_string(journey_id));
  }
  return {};
}

storage::Result<AppendedEvent> append_event(pqxx::transaction_base& tx, const NewEvent& e,
                                            const std::vector<int>& typed) {
  if (Status s = check_text(e); !s.ok()) return s;

  const auto journey = db::exec(tx, kLockChainHead, e.journey_id);
  if (journey.empty()) return Status::not_found("no journey with id " + std::to_string(e.journey_id));
  const std::string coi = journey[0][0].as<std::string>();
  if (e.event.journey != coi) {
    return Status::invalid_argument("the event names journey '" + e.event.journey + "', not " + coi);
  }
  if (e.corrects_event_id) {
    const auto corrected = db::exec(tx, kCorrectedJourney, *e.corrects_event_id);
    if (corrected.empty() || corrected[0][0].as<std::int64_t>() != e.journey_id) {
      return Status::invalid_argument("event " + std::to_string(*e.corrects_event_id) + " is not an event of journey " +
                                      coi);
    }
  }
  // The server's clock, read after the lock so that recorded_at grows with seq.
  const std::string recorded_at = db::exec1(tx, kClock, kTimeFormat)[0].as<std::string>();

  EventRecord record;
  record.journey = coi;
  record.seq = journey[0][1].as<int>() + 1;
  record.step = e.event.step;
  record.occurred_at = record_time(e.event.occurred_at);
  record.recorded_at = recorded_at;
  record.station = non_empty(e.event.station);
  record.station_id = e.station_id;
  record.operators = e.event.operators;
  record.scans = e.event.scans;
  record.data = e.event.data;
  record.units = e.decision.units;
  record.decision = e.decision.accepted ? "accepted" : "refused";
  record.decision_json = workflows::to_json(e.decision);
  record.decision_json.erase("event_id");  // not known yet; the event row's id is
  record.corrects_event_id = e.corrects_event_id;
  record.correction_reason = e.corrects_event_id ? e.correction_reason : std::nullopt;
  record.idempotency_key = non_empty(e.event.idempotency_key);

  const std::string canonical = canonical_json(to_json(record));
  const auto prev_hash = from_hex(journey[0][2].as<std::string>());
  if (!prev_hash || prev_hash->size() != 32) return Status::internal("journey " + coi + " has a malformed chain head");
  const std::string hash = chain_hash(*prev_hash, canonical);

  const auto station_id = detail::number_text(record.station_id);
  const auto corrects = detail::number_text(record.corrects_event_id);
  const std::int64_t event_id =
      db::exec1(tx, kInsertEvent, e.journey_id, record.seq, record.step, record.occurred_at, record.recorded_at,
                detail::text_or_null(station_id), detail::text_or_null(record.station),
                detail::json_array_text(record.operators), detail::json_array_text(record.scans),
                boost::json::serialize(record.data), detail::json_array_text(record.units), record.decision,
                boost::json::serialize(record.decision_json), detail::text_or_null(corrects),
                detail::text_or_null(record.correction_reason), detail::text_or_null(record.idempotency_key), canonical,
                to_hex(*prev_hash), to_hex(hash), detail::text_or_null(typed_array(typed)))[0]
          .as<std::int64_t>();
  db::exec0(tx, kAdvanceChain, e.journey_id, record.seq, to_hex(hash));

  AppendedEvent appended{event_id, record.seq, recorded_at, hash, {}};
  for (const workflows::Finding& finding : e.decision.deviations) {
    appended.deviation_ids.push_back(
        db::exec1(tx, kRaiseDeviation, e.journey_id, event_id, std::string(workflows::code_name(finding.code)),
                  std::string(workflows::severity_name(finding.severity)), finding.message, finding.rule)[0]
            .as<std::int64_t>());
  }
  if (!appended.deviation_ids.empty()) chain_new_facts(tx, e.journey_id);
  return appended;
}

}  // namespace cj::journal
