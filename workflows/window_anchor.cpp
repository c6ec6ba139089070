#include "workflows/window_anchor.h"

namespace cj::workflows {

Anchor window_anchor(const Definition& definition, const JourneyIndex& journey, const Context& context,
                     const WindowRule& window, const std::vector<std::string>& units) {
  const std::size_t from = definition.step_index(window.from);
  if (from == definition.steps.size()) return {};
  const auto starts_clock = [&](const RecordedEvent& event) {
    if (window.per_unit && !share_unit(event.units, units)) return false;
    if (window.from_dose && dose_of(event.units, context) != window.from_dose) return false;
    return true;
  };
  if (const RecordedEvent* event = journey.first(from, starts_clock)) return {event, false, from};
  const std::size_t fallback = definition.step_index(definition.steps[from].anchor_fallback);
  if (fallback == definition.steps.size()) return {};
  if (const RecordedEvent* event = journey.first(fallback, starts_clock)) return {event, true, fallback};
  return {};
}

TimePoint window_closes(const WindowRule& window, TimePoint from) {
  if (!window.calendar_days) return from + *window.max;
  const auto last_day = std::chrono::floor<std::chrono::days>(from) + std::chrono::days{window.max->count() / 86400};
  return TimePoint{last_day + std::chrono::days{1}};
}

}  // namespace cj::workflows
