// The event a time window is measured from (its clock's anchor). Internal.
#pragma once

#include <string>
#include <vector>

#include "workflows/context.h"
#include "workflows/definition.h"
#include "workflows/journey_index.h"

namespace cj::workflows {

struct Anchor {
  const RecordedEvent* event = nullptr;  // nullptr: the clock has not started
  bool fallback = false;                 // window.from is not recorded: counted from its step's anchor_fallback
  std::size_t step_index = 0;            // the step counted from (window.from, or its fallback)
};

// The FIRST event of window.from that starts the clock for an event about `units` (a repeated
// record never restarts a clock): for a per-unit window one that scanned one of `units`; with
// from_dose, one that scanned a unit of that dose. When there is none and window.from's step
// has an anchor_fallback (thaw complete -> start of thaw), the first such event of that step,
// with `fallback` set: the strictest reading while the named step is missing.
Anchor window_anchor(const Definition& definition, const JourneyIndex& journey, const Context& context,
                     const WindowRule& window, const std::vector<std::string>& units);

// When the window closes (its max) for a clock started at `from`; for calendar-day windows the
// end of the last allowed day. REQUIRES window.max.
TimePoint window_closes(const WindowRule& window, TimePoint from);

}  // namespace cj::workflows
