// Clocks: every time limit of a journey is an open clock from the first record of its anchor
// until the step it limits is recorded (for that bag, where the step is per bag), whatever is or
// is not recorded in between. Example: Kymriah's bag thawed complete at 10:00 has a clock
// "infusion.end due by 10:30" from 10:00 on, before the bedside check or the infusion start.
// The decision's `next`, the board, the journey page and the deadline sweeper read the same
// clocks (through open_obligations(), deadlines.h).
#pragma once

#include <string>
#include <vector>

#include "workflows/context.h"
#include "workflows/definition.h"
#include "workflows/event.h"

namespace cj::workflows {

class JourneyIndex;

struct Clock {
  std::string step;             // the step that must be recorded by due_by ("infusion.end")
  std::string unit;             // its bag, for a per-bag step; empty: the journey's
  std::string rule;             // the window that sets it ("kymriah/thaw-to-infusion-end")
  std::string from;             // the step it counts from (the fallback when the window's is missing)
  bool anchor_missing = false;  // the window's own `from` is not recorded (ANCHOR_MISSING)...
  std::string missing_step;     // ... and this is it ("product.thaw_complete"); empty otherwise
  TimePoint started{};          // the anchor's occurred_at
  TimePoint due_by{};
};

// The open clocks (windows with a max) of the journey, in definition order of their steps. None
// for a closed journey, nor for a bag that was disposed of or returned.
std::vector<Clock> open_clocks(const Definition& definition, const JourneyIndex& journey, const Context& context);
std::vector<Clock> open_clocks(const Definition& definition, const History& history, const Context& context);

}  // namespace cj::workflows
