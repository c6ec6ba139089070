#include "workflows/clocks.h"

#include "workflows/journey_index.h"
#include "workflows/window_anchor.h"

namespace cj::workflows {
namespace {

void add_clock(const Definition& definition, const JourneyIndex& journey, const Context& context, const StepRule& step,
               const WindowRule& window, const std::string& unit, std::vector<Clock>& clocks) {
  const std::vector<std::string> units = unit.empty() ? std::vector<std::string>{} : std::vector<std::string>{unit};
  const Anchor anchor = window_anchor(definition, journey, context, window, units);
  if (anchor.event == nullptr) return;
  const TimePoint started = anchor.event->event.occurred_at;
  clocks.push_back({step.id, unit, window.rule, definition.steps[anchor.step_index].id, anchor.fallback,
                    anchor.fallback ? window.from : std::string(), started, window_closes(window, started)});
}

}  // namespace

std::vector<Clock> open_clocks(const Definition& definition, const History& history, const Context& context) {
  return open_clocks(definition, JourneyIndex{definition, history}, context);
}

std::vector<Clock> open_clocks(const Definition& definition, const JourneyIndex& journey, const Context& context) {
  std::vector<Clock> clocks;
  if (journey.closed()) return clocks;
  const Custody& custody = journey.custody();
  for (std::size_t i = 0; i < definition.steps.size(); ++i) {
    const StepRule& step = definition.steps[i];
    const bool per_unit = step.repeat == Repeat::PerUnit && !step.identity.empty();
    for (const WindowRule& window : step.windows) {
      if (!window.max) continue;
      if (window.first_only && journey.any(i)) continue;  // only the step's first record was limited
      if (!per_unit) {
        if (!journey.any(i)) add_clock(definition, journey, context, step, window, "", clocks);
        continue;
      }
      for (const Unit& unit : context.journey.units) {
        if (unit.kind != step.identity.front()) continue;
        if (window.dose && unit.dose != window.dose) continue;
        const std::string key = unit.key();
        if (custody.is_out(key)) continue;
        if (journey.latest(i, [&](const RecordedEvent& e) { return has_unit(e.units, key); }) != nullptr) continue;
        add_clock(definition, journey, context, step, window, key, clocks);
      }
    }
  }
  return clocks;
}

}  // namespace cj::workflows
