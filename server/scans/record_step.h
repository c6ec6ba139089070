// Deciding on one event and recording it: the one path by which scans and desk entries become
// events (POST /api/v1/scans, POST /api/v1/journeys/{coi}/events).
//
// In the caller's transaction, in this order: find the journey by COI (404 UNKNOWN_JOURNEY when
// none or at a site the caller cannot see; a station at another site gets 403 OTHER_SITE), take
// its append lock, load it, get its product definition with the site's rules from the process
// cache (409 RULES_MISSING), build the engine's Context (the journey's identity, the operators'
// roles at the journey's site and their qualifications), evaluate at the server's clock, append
// the event (accepted or refused alike: the refusal is recorded; a refusal that named another
// patient's COI, wristband or bag also records its near miss for QA: near_misses/near_miss_store.h),
// NOTIFY the live feed, and
// write the journey's board row from the history already loaded plus the event (no second read).
// Nothing is committed here: the event, its deviations and the notification go together when
// the caller commits (a NOTIFY is delivered only then).
//
// Nothing is recorded for a COI that does not exist (there is no chain to record into) or for
// a request refused before the rules ran (403, 409): those throw base::Failure and are logged.
//
// Thread-safety: the transaction is one thread's. Database failures throw pqxx exceptions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "server/api/principal.h"
#include "workflows/event.h"

namespace pqxx {
class transaction_base;
}

namespace cj::scans {

struct StepAnswer {
  int status = 0;    // 200 accepted, 422 refused by the rules
  std::string body;  // the decision JSON with its event_id, as sent
  bool accepted = false;
  std::int64_t event_id = 0;
};

/// What the request brought besides the event: the people whose proof did not hold ("ann: no
/// sign-in proof", each an OPERATOR_NOT_PROVEN refusal) and the scans typed by hand.
struct StepExtras {
  std::vector<std::string> unproven;
  std::vector<int> typed;
};

/// The rules are evaluated at clock.now().
StepAnswer decide_and_record(pqxx::transaction_base& tx, const api::Principal& who, const workflows::Event& event,
                             const StepExtras& extras = {}, const base::Clock& clock = base::system_clock());

/// The answer as the idempotency table stores it ("422\n{...}"), and back. parse throws
/// std::runtime_error on text it did not write.
std::string stored_answer(const StepAnswer& answer);
StepAnswer parse_stored_answer(const std::string& text);

}  // namespace cj::scans
