// Open obligations of a journey (the steps expected next, per unit where the step is per unit,
// with their due times) and the deadline sweep: overdue obligations as OVERDUE deviations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/context.h"
#include "workflows/decision.h"
#include "workflows/definition.h"
#include "workflows/event.h"

namespace cj::workflows {

class JourneyIndex;

struct Obligation {
  std::string step;
  std::string unit;  // the unit key for per-unit steps; empty for the journey
  std::optional<TimePoint> due_by;
  std::string rule;  // the window that sets due_by
};

// Required steps whose predecessors are recorded and which are not yet recorded (for the unit,
// for per-unit steps), with the earliest closing time of their windows. None once disposed of.
std::vector<Obligation> open_obligations(const Definition& definition, const History& history, const Context& context);
std::vector<Obligation> open_obligations(const Definition& definition, const JourneyIndex& journey,
                                         const Context& context);

// One Expectation per step, with the earliest due_by of its obligations; in definition order.
std::vector<Expectation> next_steps(const std::vector<Obligation>& obligations);

struct DeadlineReport {
  TimePoint now{};
  std::vector<Obligation> open;      // every open obligation
  std::vector<Finding> overdue;      // OVERDUE, one per obligation whose due_by < now
};

// The sweeper's pure core: what is open at `now`, and what is overdue.
DeadlineReport sweep_deadlines(const Definition& definition, const History& history, const Context& context,
                               TimePoint now);

}  // namespace cj::workflows
