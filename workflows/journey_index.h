// A journey's accepted events grouped by step, for the engine's look-ups: "the latest thaw of
// this bag", "is there any product.store". Built once per evaluation from the history (and,
// when deciding what comes next, the event being accepted). Internal.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "workflows/context.h"
#include "workflows/custody.h"
#include "workflows/definition.h"
#include "workflows/event.h"

namespace cj::workflows {

class JourneyIndex {
 public:
  // REQUIRES every event's step_index < definition.steps.size(). `extra` (may be null) is
  // treated as the newest event. The index refers to, and must not outlive, its arguments.
  JourneyIndex(const Definition& definition, const History& history, const RecordedEvent* extra = nullptr);

  // Events of a step, oldest first.
  const std::vector<const RecordedEvent*>& of_step(std::size_t step_index) const { return by_step_[step_index]; }
  bool any(std::size_t step_index) const { return !by_step_[step_index].empty(); }
  // The oldest event of the step that passes `accept`, or nullptr: the anchor of a clock (a
  // repeated record never restarts it).
  template <class Predicate>
  const RecordedEvent* first(std::size_t step_index, Predicate accept) const {
    for (const RecordedEvent* event : by_step_[step_index]) {
      if (accept(*event)) return event;
    }
    return nullptr;
  }
  // The newest event of the step that passes `accept`, or nullptr.
  template <class Predicate>
  const RecordedEvent* latest(std::size_t step_index, Predicate accept) const {
    const auto& events = by_step_[step_index];
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (accept(**it)) return *it;
    }
    return nullptr;
  }
  // A `dispose` of the whole journey (no unit scanned) is recorded.
  bool closed() const { return custody_.journey_disposed; }
  // Holds, returns and disposals as they stand after the last event.
  const Custody& custody() const { return custody_; }
  // The events in the order they were recorded.
  const std::vector<const RecordedEvent*>& in_order() const { return in_order_; }

 private:
  std::vector<std::vector<const RecordedEvent*>> by_step_;
  std::vector<const RecordedEvent*> in_order_;
  Custody custody_;
};

// True when the two lists of unit keys share one.
bool share_unit(const std::vector<std::string>& a, const std::vector<std::string>& b);
// True when `units` holds the unit `key`.
bool has_unit(const std::vector<std::string>& units, std::string_view key);
// The dose of the first unit in `units` that has one.
std::optional<int> dose_of(const std::vector<std::string>& units, const Context& context);

}  // namespace cj::workflows
