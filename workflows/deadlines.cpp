#include "workflows/deadlines.h"

#include "workflows/journey_index.h"
#include "workflows/window_anchor.h"

namespace cj::workflows {
namespace {

void set_due(const Definition& definition, const JourneyIndex& journey, const Context& context, const StepRule& step,
             Obligation& obligation) {
  const std::vector<std::string> units = obligation.unit.empty() ? std::vector<std::string>{}
                                                                 : std::vector<std::string>{obligation.unit};
  const std::optional<int> dose = dose_of(units, context);
  for (const WindowRule& window : step.windows) {
    if (!window.max || (window.dose && dose != window.dose)) continue;
    if (window.first_only && journey.any(definition.step_index(step.id))) continue;
    const RecordedEvent* anchor = window_anchor(definition, journey, context, window, units);
    if (anchor == nullptr) continue;
    const TimePoint closes = window_closes(window, anchor->event.occurred_at);
    if (!obligation.due_by || closes < *obligation.due_by) {
      obligation.due_by = closes;
      obligation.rule = window.rule;
    }
  }
}

bool predecessors_done(const Definition& definition, const JourneyIndex& journey, const StepRule& step,
                       const std::string& unit) {
  for (const std::string& before : step.after) {
    const std::size_t index = definition.step_index(before);
    if (index == definition.steps.size()) return false;
    const bool per_unit = !unit.empty() && definition.steps[index].repeat == Repeat::PerUnit;
    const bool done = per_unit ? journey.latest(index, [&](const RecordedEvent& e) { return has_unit(e.units, unit); }) != nullptr
                               : journey.any(index);
    if (!done) return false;
  }
  return true;
}

}  // namespace

std::vector<Obligation> open_obligations(const Definition& definition, const History& history, const Context& context) {
  return open_obligations(definition, JourneyIndex{definition, history}, context);
}

std::vector<Obligation> open_obligations(const Definition& definition, const JourneyIndex& journey,
                                         const Context& context) {
  std::vector<Obligation> obligations;
  if (journey.closed()) return obligations;
  for (std::size_t i = 0; i < definition.steps.size(); ++i) {
    const StepRule& step = definition.steps[i];
    if (step.side_exit || !step.required) continue;
    if (step.repeat != Repeat::PerUnit || step.identity.empty()) {
      if (journey.any(i) || !predecessors_done(definition, journey, step, "")) continue;
      Obligation obligation{step.id, "", std::nullopt, ""};
      set_due(definition, journey, context, step, obligation);
      obligations.push_back(std::move(obligation));
      continue;
    }
    for (const Unit& unit : context.journey.units) {
      if (unit.kind != step.identity.front()) continue;
      const std::string key = unit.key();
      if (journey.latest(i, [&](const RecordedEvent& e) { return has_unit(e.units, key); }) != nullptr) continue;
      if (!predecessors_done(definition, journey, step, key)) continue;
      Obligation obligation{step.id, key, std::nullopt, ""};
      set_due(definition, journey, context, step, obligation);
      obligations.push_back(std::move(obligation));
    }
  }
  return obligations;
}

std::vector<Expectation> next_steps(const std::vector<Obligation>& obligations) {
  std::vector<Expectation> next;
  for (const Obligation& obligation : obligations) {
    if (next.empty() || next.back().step != obligation.step) {
      next.push_back({obligation.step, obligation.due_by});
    } else if (obligation.due_by && (!next.back().due_by || *obligation.due_by < *next.back().due_by)) {
      next.back().due_by = obligation.due_by;
    }
  }
  return next;
}

DeadlineReport sweep_deadlines(const Definition& definition, const History& history, const Context& context,
                               TimePoint now) {
  DeadlineReport report{now, open_obligations(definition, history, context), {}};
  for (const Obligation& obligation : report.open) {
    if (!obligation.due_by || *obligation.due_by >= now) continue;
    const std::string what = obligation.step + (obligation.unit.empty() ? "" : " of unit " + obligation.unit);
    report.overdue.push_back({Code::Overdue, code_info(Code::Overdue).severity,
                              what + " was due by " + format_time(*obligation.due_by) + "; overdue by " +
                                  format_duration(now - *obligation.due_by),
                              obligation.rule});
  }
  return report;
}

}  // namespace cj::workflows
