// Time windows: the step must happen between `min` and `max` after the latest event of the
// step named in `from` (the same unit's, for per-unit windows).
#include "workflows/checks.h"
#include "workflows/window_anchor.h"

namespace cj::workflows {
namespace {

std::string describe(Duration duration, bool calendar_days) {
  if (!calendar_days) return format_duration(duration);
  return std::to_string(duration.count() / 86400) + " days";
}

}  // namespace

void check_windows(const CheckInput& input, Decision& decision) {
  const std::optional<int> dose = dose_of(decision.units, input.context);
  for (const WindowRule& window : input.step.windows) {
    if (window.dose && dose != window.dose) continue;
    if (window.first_only && input.journey.any(input.step_index)) continue;
    const RecordedEvent* anchor = window_anchor(input.definition, input.journey, input.context, window, decision.units);
    if (anchor == nullptr) continue;  // nothing to measure from: the order check speaks
    const TimePoint from = anchor->event.occurred_at;
    const TimePoint at = input.event.occurred_at;
    const Duration elapsed = at - from;
    const bool days = window.calendar_days;
    const Duration measured = days ? Duration{calendar_days_between(from, at) * 86400L} : elapsed;
    const std::string what = input.step.id + " " + describe(measured, days) + " after " + window.from;
    if (window.max && measured > *window.max) {
      add_finding(decision, Code::WindowExceeded, window.breach,
                  what + "; " + input.definition.name + " allows at most " + describe(*window.max, days), window.rule);
    }
    if (window.min && measured < *window.min) {
      add_finding(decision, Code::WindowNotReached, window.breach,
                  what + "; " + input.definition.name + " needs at least " + describe(*window.min, days), window.rule);
    }
  }
}

}  // namespace cj::workflows
