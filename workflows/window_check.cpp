// Time windows: the step must happen between `min` and `max` after the FIRST event of the step
// named in `from` (the same unit's, for per-unit windows): a repeated record of the anchor never
// restarts the clock. With the anchor missing, the clock runs from its fallback (thaw complete
// -> start of thaw) and the missing anchor is reported (ANCHOR_MISSING).
#include <algorithm>

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
  std::vector<std::string> missing_reported;  // one ANCHOR_MISSING per missing step
  for (const WindowRule& window : input.step.windows) {
    if (window.dose && dose != window.dose) continue;
    if (window.first_only && input.journey.any(input.step_index)) continue;
    const Anchor anchor = window_anchor(input.definition, input.journey, input.context, window, decision.units);
    if (anchor.event == nullptr) continue;  // nothing to measure from: the order check speaks
    const std::string& counted_from = input.definition.steps[anchor.step_index].id;
    if (anchor.fallback &&
        std::find(missing_reported.begin(), missing_reported.end(), window.from) == missing_reported.end()) {
      missing_reported.push_back(window.from);
      deviate(decision, Code::AnchorMissing,
              window.from + " was not recorded" + (window.per_unit ? " for this bag" : std::string()) + ": " +
                  window.rule + " is measured from " + counted_from + " (the strictest reading)",
              window.rule);
    }
    const TimePoint from = anchor.event->event.occurred_at;
    const TimePoint at = input.event.occurred_at;
    const Duration elapsed = at - from;
    const bool days = window.calendar_days;
    const Duration measured = days ? Duration{calendar_days_between(from, at) * 86400L} : elapsed;
    const std::string what = input.step.id + " " + describe(measured, days) + " after " + counted_from;
    if (window.max && measured > *window.max) {
      add_finding(decision, Code::WindowExceeded, window.breach,
                  what + "; " + input.definition.name + " allows at most " + describe(*window.max, days), window.rule);
    }
    // A minimum cannot be proven from an earlier step than the one it names: not checked then.
    if (window.min && !anchor.fallback && measured < *window.min) {
      add_finding(decision, Code::WindowNotReached, window.breach,
                  what + "; " + input.definition.name + " needs at least " + describe(*window.min, days), window.rule);
    }
  }
}

}  // namespace cj::workflows
