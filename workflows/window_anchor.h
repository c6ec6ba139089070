// The event a time window is measured from. Internal.
#pragma once

#include <string>
#include <vector>

#include "workflows/context.h"
#include "workflows/definition.h"
#include "workflows/journey_index.h"

namespace cj::workflows {

// The newest event of window.from that starts the clock for an event about `units`: for a
// per-unit window one that scanned one of `units`; with from_dose, one that scanned a unit of
// that dose. nullptr when there is none (or window.from is not a step).
const RecordedEvent* window_anchor(const Definition& definition, const JourneyIndex& journey, const Context& context,
                                   const WindowRule& window, const std::vector<std::string>& units);

// When the window closes (its max) for a clock started at `from`; for calendar-day windows the
// end of the last allowed day. REQUIRES window.max.
TimePoint window_closes(const WindowRule& window, TimePoint from);

}  // namespace cj::workflows
