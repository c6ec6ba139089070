#include "workflows/deadlines.h"

#include "workflows/journey_index.h"

namespace cj::workflows {
namespace {

// The earliest clock of `step` for `unit` (or the journey's, unit empty) into the obligation.
void set_due(const std::vector<Clock>& clocks, Obligation& obligation) {
  for (const Clock& clock : clocks) {
    if (clock.step != obligation.step || clock.unit != obligation.unit) continue;
    if (!obligation.due_by || clock.due_by < *obligation.due_by) {
      obligation.due_by = clock.due_by;
      obligation.rule = clock.rule;
    }
  }
}

// True when obligations[from...] holds one of `unit` (those of one step).
bool has_obligation(const std::vector<Obligation>& obligations, std::size_t from, const std::string& unit) {
  for (std::size_t k = from; k < obligations.size(); ++k) {
    if (obligations[k].unit == unit) return true;
  }
  return false;
}

bool predecessors_done(const Definition& definition, const JourneyIndex& journey, const StepRule& step,
                       const std::string& unit) {
  for (const std::string& before : step.after) {
    const std::size_t index = definition.step_index(before);
    if (index == definition.steps.size()) return false;
    const bool per_unit = !unit.empty() && definition.steps[index].repeat == Repeat::PerUnit;
    const bool done =
        per_unit ? journey.latest(index, [&](const RecordedEvent& e) { return has_unit(e.units, unit); }) != nullptr
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
  return open_obligations(definition, journey, context, open_clocks(definition, journey, context));
}

std::vector<Obligation> open_obligations(const Definition& definition, const JourneyIndex& journey,
                                         const Context& context, const std::vector<Clock>& clocks) {
  std::vector<Obligation> obligations;
  if (journey.closed()) return obligations;
  const Custody& custody = journey.custody();
  for (std::size_t i = 0; i < definition.steps.size(); ++i) {
    const StepRule& step = definition.steps[i];
    const std::size_t first_of_step = obligations.size();
    if (!step.side_exit && step.required) {
      if (step.repeat != Repeat::PerUnit || step.identity.empty()) {
        if (!journey.any(i) && predecessors_done(definition, journey, step, "")) {
          obligations.push_back({step.id, "", std::nullopt, ""});
        }
      } else {
        for (const Unit& unit : context.journey.units) {
          if (unit.kind != step.identity.front()) continue;
          const std::string key = unit.key();
          if (custody.is_out(key)) continue;
          if (journey.latest(i, [&](const RecordedEvent& e) { return has_unit(e.units, key); }) != nullptr) continue;
          if (!predecessors_done(definition, journey, step, key)) continue;
          obligations.push_back({step.id, key, std::nullopt, ""});
        }
      }
    }
    // A running clock makes its step expected even before its predecessors are recorded.
    for (const Clock& clock : clocks) {
      if (clock.step == step.id && !has_obligation(obligations, first_of_step, clock.unit)) {
        obligations.push_back({clock.step, clock.unit, std::nullopt, ""});
      }
    }
    for (std::size_t k = first_of_step; k < obligations.size(); ++k) set_due(clocks, obligations[k]);
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
  const JourneyIndex journey{definition, history};
  std::vector<Clock> clocks = open_clocks(definition, journey, context);
  std::vector<Obligation> open = open_obligations(definition, journey, context, clocks);
  DeadlineReport report{now, std::move(open), std::move(clocks), {}};
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
