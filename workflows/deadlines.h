// Open obligations of a journey (the steps expected next, per unit where the step is per unit,
// with their due times) and the deadline sweep: overdue obligations as OVERDUE deviations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/clocks.h"
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

// The steps expected next: required steps whose predecessors are recorded and which are not yet
// recorded (for the bag, for per-bag steps), and every step with an open clock (clocks.h)
// whether or not its predecessors are recorded; each with the earliest due time of its clocks.
// In definition order. None once the journey is disposed of, and none for a disposed or
// returned bag.
std::vector<Obligation> open_obligations(const Definition& definition, const History& history, const Context& context);
std::vector<Obligation> open_obligations(const Definition& definition, const JourneyIndex& journey,
                                         const Context& context);
// The same with the journey's open clocks already computed (open_clocks() of the same journey).
std::vector<Obligation> open_obligations(const Definition& definition, const JourneyIndex& journey,
                                         const Context& context, const std::vector<Clock>& clocks);

// One Expectation per step, with the earliest due_by of its obligations; in definition order.
std::vector<Expectation> next_steps(const std::vector<Obligation>& obligations);

struct DeadlineReport {
  TimePoint now{};
  std::vector<Obligation> open;  // every open obligation
  std::vector<Clock> clocks;     // every open clock (what sets the obligations' due_by)
  std::vector<Finding> overdue;  // OVERDUE, one per obligation whose due_by < now
};

// The sweeper's pure core: what is open at `now`, and what is overdue.
DeadlineReport sweep_deadlines(const Definition& definition, const History& history, const Context& context,
                               TimePoint now);

}  // namespace cj::workflows
