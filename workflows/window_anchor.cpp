#include "workflows/window_anchor.h"

namespace cj::workflows {

const RecordedEvent* window_anchor(const Definition& definition, const JourneyIndex& journey, const Context& context,
                                   const WindowRule& window, const std::vector<std::string>& units) {
  const std::size_t from = definition.step_index(window.from);
  if (from == definition.steps.size()) return nullptr;
  return journey.latest(from, [&](const RecordedEvent& event) {
    if (window.per_unit && !share_unit(event.units, units)) return false;
    if (window.from_dose && dose_of(event.units, context) != window.from_dose) return false;
    return true;
  });
}

TimePoint window_closes(const WindowRule& window, TimePoint from) {
  if (!window.calendar_days) return from + *window.max;
  const auto last_day = std::chrono::floor<std::chrono::days>(from) +
                        std::chrono::days{window.max->count() / 86400};
  return TimePoint{last_day + std::chrono::days{1}};
}

}  // namespace cj::workflows
