// JSON for events, contexts, decisions and deadline reports (Boost.JSON), in the shapes of
// docs/design.md "The event and the decision" and docs/workflows.md.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "workflows/bag_status.h"
#include "workflows/context.h"
#include "workflows/deadlines.h"
#include "workflows/decision.h"
#include "workflows/event.h"
#include "workflows/status.h"
#include "workflows/time_points.h"

namespace cj::workflows {

// {"journey", "step", "occurred_at", "station", "operators", "scans", "data", "idempotency_key"}.
// Problems (source "event"): not an object, a missing journey/step/occurred_at, a time not in
// the form 2026-11-20T10:00:00Z, operators or scans not lists of text, data not an object.
Result<Event> event_from_json(const boost::json::value& json);
boost::json::object to_json(const Event& event);

// {"journey": {"coi", "wristband", "units": [{kind, din, product_code, id, expires_at, dose,
// colour}]}, "operators": {"alice": {"roles": [...], "qualifications": [{name, valid_from,
// valid_until}]}}, "deviations": [{"id", "code", "units", "step"}]} (deviations: the open ones).
// Dates may be "2027-01-01" (valid_until: to the end of that day) or times.
Result<Context> context_from_json(const boost::json::value& json);

// {"decision": "accepted"|"refused", "event_id": n|null, "refusals": [...], "deviations": [...],
//  "next": [{"step", "due_by"}]} with findings as {"code", "severity", "message", "rule", "what_to_do"}
// (what_to_do: workflows/guidance.h).
boost::json::object to_json(const Decision& decision);
boost::json::object to_json(const Finding& finding);
// {"now", "open": [{"step", "unit", "due_by", "rule"}], "overdue": [findings], "clocks": [clock]}.
boost::json::object to_json(const DeadlineReport& report);
// {"step", "unit" (null for the journey's), "rule", "from", "anchor_missing", "missing_step" (null
// unless anchor_missing), "started_at", "due_by"}.
boost::json::object to_json(const Clock& clock);
// {"reason", "since", "event_id"}.
boost::json::object to_json(const Hold& hold);
// {"unit", "kind", "dose" (null when none), "colour" (null when none), "state", "hold" (null or a hold)}.
boost::json::object to_json(const BagStatus& bag);
// {"vein_to_vein_s", "manufacturing_turnaround_s", ...}: seconds, null when not computable.
boost::json::object to_json(const TimePoints& points);

}  // namespace cj::workflows
