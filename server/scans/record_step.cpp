#include "server/scans/record_step.h"

#include <algorithm>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/board/projection.h"
#include "server/db/statement.h"
#include "server/journal/append_event.h"
#include "server/journal/load_journey.h"
#include "server/feed/feed_notice.h"
#include "server/journeys/journey_access.h"
#include "server/near_misses/near_miss_store.h"
#include "server/rules/site_rules.h"
#include "server/scans/operator_context.h"
#include "workflows/engine.h"
#include "workflows/json_io.h"

namespace cj::scans {

namespace json = boost::json;
using base::Failure;

namespace {

constexpr db::Statement kFindJourney{"scans_record_find_journey", "SELECT id, site_id FROM journeys WHERE coi = $1"};
constexpr db::Statement kFindStation{"scans_record_find_station",
                                     "SELECT id FROM stations WHERE code = $1 AND site_id = $2 AND revoked_at IS NULL"};

struct JourneyRef {
  std::int64_t id = 0;
  std::int64_t site_id = 0;
};

JourneyRef find_journey(pqxx::transaction_base& tx, const api::Principal& who, const std::string& coi) {
  const auto rows = db::exec(tx, kFindJourney, coi);
  if (rows.empty()) journeys::throw_unknown_journey(coi);
  JourneyRef ref{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::int64_t>()};
  if (who.is_station() && ref.site_id != who.station_site_id) {
    throw Failure(base::ErrorKind::forbidden, "OTHER_SITE",
                  "Station " + who.name + " may only record journeys of its own site.", "journey");
  }
  if (!who.can_see_site(ref.site_id)) journeys::throw_unknown_journey(coi);
  return ref;
}

// The registered station the event names: a station principal is itself; a user may name a
// station of the journey's site (or none, at a desk).
std::optional<std::int64_t> station_of(pqxx::transaction_base& tx, const api::Principal& who,
                                       const workflows::Event& event, std::int64_t site_id) {
  if (who.is_station()) {
    if (event.station != who.name) {
      throw Failure(base::ErrorKind::forbidden, "STATION_MISMATCH",
                    "Station " + who.name + " may only post as itself, not as '" + event.station + "'.", "station");
    }
    return who.id;
  }
  if (event.station.empty()) return std::nullopt;
  const auto rows = db::exec(tx, kFindStation, event.station, site_id);
  if (rows.empty()) {
    throw Failure(base::ErrorKind::invalid, "UNKNOWN_STATION",
                  "There is no station '" + event.station + "' at the journey's site.", "station");
  }
  return rows[0][0].as<std::int64_t>();
}

std::string feed_payload(std::int64_t site_id, const workflows::Event& event, const workflows::Decision& decision,
                         const journal::AppendedEvent& appended) {
  json::array deviations;
  for (const auto& d : decision.deviations) deviations.emplace_back(workflows::code_name(d.code));
  json::array refusals;
  for (const auto& r : decision.refusals) refusals.emplace_back(workflows::code_name(r.code));
  return json::serialize(json::object{{"type", "event"},
                                      {"site_id", site_id},
                                      {"journey", event.journey},
                                      {"step", event.step},
                                      {"decision", decision.accepted ? "accepted" : "refused"},
                                      {"event_id", appended.event_id},
                                      {"seq", appended.seq},
                                      {"deviations", std::move(deviations)},
                                      {"refusals", std::move(refusals)}});
}

}  // namespace

namespace {

// An accepted correction (docs/design.md: a new event that names the one it corrects and why) is
// linked in the journal's own columns too, so the journal can refuse one that names an event
// of another journey and an audit reader finds the pair without reading step data.
std::optional<std::int64_t> corrected_event(const workflows::Event& event, const workflows::Decision& decision) {
  if (!decision.accepted || event.step != "correction") return std::nullopt;
  const auto* id = event.data.if_contains("corrects_event_id");
  if (!id || !id->is_int64()) return std::nullopt;
  return id->as_int64();
}

std::optional<std::string> correction_reason(const workflows::Event& event, const workflows::Decision& decision) {
  if (!corrected_event(event, decision)) return std::nullopt;
  const auto* reason = event.data.if_contains("reason");
  if (!reason || !reason->is_string()) return std::nullopt;
  return std::string(reason->as_string());
}

}  // namespace

StepAnswer decide_and_record(pqxx::transaction_base& tx, const api::Principal& who, const workflows::Event& event,
                             const StepExtras& extras, const base::Clock& clock) {
  const JourneyRef ref = find_journey(tx, who, event.journey);
  const auto station_id = station_of(tx, who, event, ref.site_id);
  if (auto locked = journal::lock_journey(tx, ref.id); !locked.ok()) journeys::throw_unknown_journey(event.journey);
  auto loaded = journal::load_journey(tx, ref.id);
  if (!loaded.ok()) throw std::runtime_error("loading journey " + event.journey + ": " + loaded.error().to_string());
  const auto rules = rules::site_definition(tx, ref.site_id, loaded->journey.product);

  workflows::Context context = journal::context_of(*loaded, operators_at_site(tx, ref.site_id, event.operators));
  const auto now = clock.now();
  workflows::History history = journal::history(*loaded, rules->definition);
  auto decision = workflows::evaluate(rules->definition, rules->site, history, event, context, now);
  // The same person twice is one person, whatever the step needs (a proof proves them once).
  const auto& ops = event.operators;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (std::find(ops.begin() + static_cast<std::ptrdiff_t>(i) + 1, ops.end(), ops[i]) == ops.end()) continue;
    const bool said = std::any_of(decision.refusals.begin(), decision.refusals.end(), [](const workflows::Finding& f) {
      return f.code == workflows::Code::WitnessNotDistinct;
    });
    if (!said) {
      decision.accepted = false;
      decision.refusals.push_back({workflows::Code::WitnessNotDistinct, workflows::Severity::Critical,
                                   ops[i] + " is named twice: a second person must sign in.", "core/witnesses"});
    }
    break;
  }
  // A person named without a proof made by them at that moment (server/auth/operator_proofs.h).
  for (const auto& why : extras.unproven) {
    decision.accepted = false;
    decision.refusals.push_back({workflows::Code::OperatorNotProven, workflows::Severity::Critical,
                                 "Not proven who was there: " + why + ".", "core/operator-proof"});
  }

  const journal::NewEvent recorded{
      ref.id, event, station_id, decision, corrected_event(event, decision), correction_reason(event, decision)};
  auto appended = journal::append_event(tx, recorded, extras.typed);
  if (!appended.ok()) {
    if (appended.error().code() == storage::Status::Code::kInvalidArgument) {
      throw Failure::bad_request("The event cannot be recorded: " + appended.error().message() + ".");
    }
    throw std::runtime_error("appending to " + event.journey + ": " + appended.error().to_string());
  }
  near_misses::record_if_any(tx, *loaded, rules->definition, recorded,
                             *appended);  // another patient scanned: QA sees it
  feed::notify_feed(tx, feed_payload(ref.site_id, event, decision, *appended));
  // The board's row commits with the event (and notifies after it), computed from the history
  // read above plus this event: the journey is locked, so that is the journal as it stands.
  journal::add_appended(*loaded, recorded, *appended);
  if (decision.accepted) history.push_back(workflows::record(rules->definition, event, decision, appended->event_id));
  board::refresh_loaded(tx, *loaded, *rules, history);

  decision.event_id = appended->event_id;
  StepAnswer answer;
  answer.accepted = decision.accepted;
  answer.status = decision.accepted ? 200 : 422;
  answer.body = json::serialize(workflows::to_json(decision));
  answer.event_id = appended->event_id;
  spdlog::info("event {} journey {} seq {} step {} {} by {}:{} ({} refusals, {} deviations)", appended->event_id,
               event.journey, appended->seq, event.step, decision.accepted ? "accepted" : "refused",
               who.is_station() ? "station" : "user", who.id, decision.refusals.size(), decision.deviations.size());
  return answer;
}

std::string stored_answer(const StepAnswer& answer) {
  return std::to_string(answer.status) + "\n" + std::to_string(answer.event_id) + "\n" + answer.body;
}

StepAnswer parse_stored_answer(const std::string& text) {
  const auto first = text.find('\n');
  const auto second = first == std::string::npos ? first : text.find('\n', first + 1);
  if (second == std::string::npos) throw std::runtime_error("not a stored step answer");
  StepAnswer answer;
  answer.status = std::stoi(text.substr(0, first));
  answer.event_id = std::stoll(text.substr(first + 1, second - first - 1));
  answer.body = text.substr(second + 1);
  answer.accepted = answer.status == 200;
  return answer;
}

}  // namespace cj::scans
