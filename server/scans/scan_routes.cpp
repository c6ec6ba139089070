// POST /api/v1/scans and POST /api/v1/journeys/{coi}/events: events in, decisions out.
//
// /scans (stations; users holding apheresis, cell_lab, clinical, physician or coordinator): the
// body is the event of docs/design.md with a required idempotency_key. The whole of it runs in one
// with_idempotency() transaction keyed (key, "station:CODE" | "user:NAME", SHA-256 of the
// canonical request): the first request decides and records (record_step.h) and stores its
// answer; a replay gets that answer byte for byte, with its status, and records nothing; the
// key with another request or another principal is 409 IDEMPOTENCY_KEY_REUSED.
// Answers: 200 accepted, 422 refused by the rules (the body is the decision with its refusals;
// the refused event IS recorded), 404 UNKNOWN_JOURNEY (not recorded: no such chain; logged).
//
// /journeys/{coi}/events (the same users; not stations): a step entered at a desk. Same rules
// and storage; the journey comes from the path; idempotency_key is optional: with one, it is
// protected as above; without one, every POST records a new event (no replay protection: a
// person at a desk sees the answer, a station's outbox must always send a key).
//
// A user who posts must be one of the event's operators (403 NOT_AN_OPERATOR): an event is
// attributable to the person logged in.
//
// Every person named brings a proof (server/auth/operator_proofs.h): at a station all of them,
// at a desk all but the caller (the session proves them). A proof that does not hold refuses the
// event with OPERATOR_NOT_PROVEN (recorded like every refusal); a person in their PIN guessing
// delay gets 429 TOO_MANY_ATTEMPTS with Retry-After and nothing is recorded.
#include "server/scans/scan_routes.h"

#include <algorithm>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/api/metrics.h"
#include "server/journal/idempotency.h"
#include "server/scans/record_step.h"
#include "server/scans/scan_request.h"

namespace cj::scans {

namespace {

using base::Failure;
using api::Call;
using api::Response;

// The answer is stored as JSON text (an idempotent replay returns it byte for byte).
Response answer_response(const StepAnswer& answer) {
  Response res = api::content_response("application/json", answer.body + "\n");
  res.status = answer.status;
  return res;
}

void check_operator(const api::Principal& who, const workflows::Event& event) {
  if (who.is_station()) return;
  for (const auto& name : event.operators) {
    if (name == who.name) return;
  }
  throw Failure(base::ErrorKind::forbidden, "NOT_AN_OPERATOR",
                "You may only record events you take part in: add yourself to 'operators'.", "operators");
}

std::string principal_of(const api::Principal& who) { return (who.is_station() ? "station:" : "user:") + who.name; }

// Checks the operators' proofs, decides and records, and spends the tokens used, in tx.
StepAnswer prove_decide_and_record(pqxx::transaction_base& tx, Call& call, const ScanRequest& request) {
  const api::Principal& who = call.who();
  auth::ProofSubject subject;
  subject.caller = &who;
  subject.address = call.request.peer;
  subject.station = request.event.station;
  subject.idempotency_key = request.event.idempotency_key;
  subject.occurred_at = request.event.occurred_at;
  subject.operators = request.event.operators;
  auto findings = auth::check_proofs(tx, call.app, subject, request.proofs);
  StepExtras extras;
  extras.unproven = std::move(findings.unproven);
  extras.typed = request.typed;
  StepAnswer answer = decide_and_record(tx, who, request.event, extras);
  auth::mark_used(tx, findings.tokens, answer.event_id, request.event.occurred_at);
  return answer;
}

// A person in their guessing delay (a PIN typed offline): nothing recorded, the station retries.
Response too_many_attempts(const auth::TooManyAttempts& e) {
  const auto seconds = std::max<std::int64_t>(1, e.retry_after().count());
  Response res = api::error_response(429, "TOO_MANY_ATTEMPTS",
                                     "Too many wrong PINs for a person of this event: it is kept and sent again in " +
                                         std::to_string(seconds) + " s.");
  res.set_header("Retry-After", std::to_string(seconds));
  return res;
}

Response run(Call& call, pqxx::connection_base& db, const ScanRequest& request) {
  const api::Principal& who = call.who();
  try {
    check_operator(who, request.event);
    StepAnswer answer;
    bool replayed = false;
    if (request.event.idempotency_key.empty()) {
      pqxx::work tx(db, "desk event");
      answer = prove_decide_and_record(tx, call, request);
      tx.commit();
    } else {
      auto result =
          journal::with_idempotency(db, {request.event.idempotency_key, principal_of(who), request.request_hash},
                                    [&](pqxx::transaction_base& tx) -> storage::Result<std::string> {
                                      return stored_answer(prove_decide_and_record(tx, call, request));
                                    });
      if (!result.ok()) {
        if (result.error().code() == storage::Status::Code::kAlreadyExists) {
          throw Failure(base::ErrorKind::conflict, "IDEMPOTENCY_KEY_REUSED", result.error().message() + ".",
                        "idempotency_key");
        }
        throw Failure::invalid_field("idempotency_key", result.error().message() + ".");
      }
      answer = parse_stored_answer(result->response);
      replayed = result->replayed;
    }
    if (replayed) {
      spdlog::info("scan replayed: key {} event {} for {}", request.event.idempotency_key, answer.event_id,
                   principal_of(who));
    } else if (call.app.metrics) {
      call.app.metrics->record_scan(answer.accepted);
    }
    return answer_response(answer);
  } catch (const auth::TooManyAttempts& e) {
    spdlog::warn("scan for journey {} by {}: {}; 429, nothing recorded", request.event.journey, principal_of(who),
                 e.what());
    return too_many_attempts(e);
  } catch (const Failure& e) {
    if (e.code() == "UNKNOWN_JOURNEY") {
      spdlog::warn("scan for unknown journey {} by {} (step {}): 404, nothing recorded (no such chain)",
                   request.event.journey, principal_of(who), request.event.step);
    } else {
      spdlog::warn("scan for journey {} by {} refused before the rules: {} {}", request.event.journey,
                   principal_of(who), api::status_of(e.kind()), e.code());
    }
    throw;
  }
}

ScanRequest scan_of(const Call& call) { return read_scan_request(call.body_object(), true); }
ScanRequest desk_event_of(const Call& call) { return read_scan_request(call.body_object(), false, call.params.at(0)); }

Response post_scan(Call& call, pqxx::connection_base& db) { return run(call, db, scan_of(call)); }
Response post_desk_event(Call& call, pqxx::connection_base& db) { return run(call, db, desk_event_of(call)); }

}  // namespace

std::vector<api::Route> scan_routes() {
  const std::vector<api::Role> recorders = {api::Role::kApheresis, api::Role::kCellLab, api::Role::kClinical,
                                            api::Role::kPhysician, api::Role::kCoordinator};
  api::Access stations_and_people{false, recorders, true};
  api::Access people{false, recorders, false};
  return {
      {"POST", "/api/v1/scans", stations_and_people, &post_scan, [](const Call& c) { scan_of(c); }},
      {"POST", "/api/v1/journeys/{coi}/events", people, &post_desk_event, [](const Call& c) { desk_event_of(c); }},
  };
}

}  // namespace cj::scans
