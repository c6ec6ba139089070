// The simulator's pure core: a journey's events (JSON lines) through the engine, in order,
// as `celljourney workflows simulate` and the scenario tests run it.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string_view>
#include <vector>

#include "workflows/context.h"
#include "workflows/definition.h"
#include "workflows/site_config.h"
#include "workflows/status.h"

namespace cj::workflows {

struct SimulationOutput {
  std::vector<boost::json::object> decisions;  // one per event line, in order
  boost::json::object deadlines;               // {"deadlines": {...}, "time_points": {...}}
};

// Each non-blank line not starting with '#' is an event (docs/design.md shape; other members, such
// as a scenario's "expect", are ignored), except a scenario's header line (an object with a
// "scenario" member), which is skipped. An event is evaluated at its "recorded_at" when the
// line has one, else at its occurred_at; each line gets event_id = its position among the event
// lines (1, 2, ...), and accepted ones join the history. The deadlines are swept at `now`
// (default: the last event's occurred_at). The deviations raised by accepted events join the
// context's open deviations; a line {"qa_closes": "CODE"} closes every open one of that code (QA's
// signed decision, as the server records it).
// Problems: a line that is not JSON or not an event (source "events", line = line number).
Result<SimulationOutput> simulate(const Definition& definition, const SiteConfig& site, const Context& context,
                                  std::string_view events_jsonl, std::optional<TimePoint> now);

}  // namespace cj::workflows
