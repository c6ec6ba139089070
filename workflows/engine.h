// The rules engine: decides on one event. Pure: no I/O, no clock (the caller passes `now`).
//
//   Decision d = evaluate(definition, site, history, event, context, now);
//   if (d.accepted) history.push_back(record(definition, event, d, next_event_id));
#pragma once

#include <cstdint>

#include "workflows/context.h"
#include "workflows/decision.h"
#include "workflows/definition.h"
#include "workflows/event.h"
#include "workflows/site_config.h"

namespace cj::workflows {

// Decides whether `event` is accepted or refused, which deviations it raises and what is
// expected next (after it, when accepted). Checks run identity first (COI, units, wristband,
// expiry, product code of a shared DIN), then operators (roles, witnesses, training), journey
// state (closed, clock skew, OOS release, order, repeats), the bags' state (disposed, returned,
// on hold, blocking deviation, wrong bag, bedside check, dose order), the correction's target,
// time windows (from their clocks' first anchors), data (fields, temperatures, storage) and the
// checklist.
// A refused event carries refusals only (it is not kept, so it raises no deviation) and the
// `next` of the journey as it stands. decision.units lists the registered units scanned.
//
// REQUIRES `history` holds only events accepted under `definition` (made by record()), oldest
// first; `definition` was loaded with `site`.
Decision evaluate(const Definition& definition, const SiteConfig& site, const History& history, const Event& event,
                  const Context& context, TimePoint now);

// The history entry for an accepted event. REQUIRES decision came from evaluate() on `event`
// and is accepted.
RecordedEvent record(const Definition& definition, const Event& event, const Decision& decision, std::int64_t event_id);

}  // namespace cj::workflows
