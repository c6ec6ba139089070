// Where the journey stands: closed by a disposal, an OOS release without a physician decision,
// predecessors not yet recorded, a repeated step, a time in the future.
#include <algorithm>

#include "workflows/checks.h"

namespace cj::workflows {
namespace {

bool releases_out_of_specification(const CheckInput& input) {
  const std::size_t release = input.definition.step_index("manufacturing.release");
  const std::size_t decision = input.definition.step_index("oos.physician_decision");
  if (release == input.definition.steps.size()) return false;
  const RecordedEvent* oos =
      input.journey.latest(release, [](const RecordedEvent& e) { return e.out_of_specification; });
  if (oos == nullptr) return false;
  if (decision == input.definition.steps.size()) return true;
  const RecordedEvent* answer = input.journey.latest(decision, [](const RecordedEvent&) { return true; });
  return answer == nullptr || answer->event.occurred_at < oos->event.occurred_at ||
         !answer->physician_releases.value_or(false);
}

void check_predecessors(const CheckInput& input, Decision& decision) {
  for (const std::string& before : input.step.after) {
    const std::size_t index = input.definition.step_index(before);
    const StepRule& previous = input.definition.steps[index];
    const bool per_unit = previous.repeat == Repeat::PerUnit && !decision.units.empty();
    const bool done =
        per_unit ? input.journey.latest(
                       index, [&](const RecordedEvent& e) { return share_unit(e.units, decision.units); }) != nullptr
                 : input.journey.any(index);
    if (!done) {
      deviate(decision, Code::OutOfOrder,
              input.step.id + " recorded before " + before + (per_unit ? " of the same unit" : ""), "core/order");
    }
  }
}

void check_repeat(const CheckInput& input, Decision& decision) {
  const StepRule& step = input.step;
  if (step.repeat == Repeat::Any || !input.journey.any(input.step_index)) return;
  if (step.repeat == Repeat::Once) {
    deviate(decision, Code::RepeatedStep, step.id + " was already recorded for this journey", "core/repeat");
    return;
  }
  const std::vector<std::string> units = primary_units(input, decision.units);
  for (const std::string& key : units) {
    const RecordedEvent* earlier =
        input.journey.latest(input.step_index, [&](const RecordedEvent& e) { return has_unit(e.units, key); });
    if (earlier != nullptr) {
      deviate(decision, Code::RepeatedStep,
              step.id + " was already recorded for unit " + key + " (event " + std::to_string(earlier->event_id) + ")",
              "core/repeat");
    }
  }
}

}  // namespace

std::vector<std::string> primary_units(const CheckInput& input, const std::vector<std::string>& units) {
  if (input.step.identity.empty()) return units;
  std::vector<std::string> primary;
  for (const std::string& key : units) {
    const Unit* unit = input.context.find_unit(key);
    if (unit != nullptr && unit->kind == input.step.identity.front()) primary.push_back(key);
  }
  return primary;
}

void check_journey_state(const CheckInput& input, Decision& decision) {
  const Duration skew = input.site.safety.clock_skew;
  if (input.event.occurred_at > input.now + skew) {
    refuse(decision, Code::TimeInFuture,
           "the event says it happened at " + format_time(input.event.occurred_at) + ", after now (" +
               format_time(input.now) + ") and the site's clock skew of " + format_duration(skew),
           "core/clock");
  }
  if (input.journey.closed() && input.step.id != "correction") {
    refuse(decision, Code::JourneyClosed, "the product of this journey was disposed of", "core/closed");
  }
  if (input.step.requires_oos_release && releases_out_of_specification(input)) {
    refuse(decision, Code::OosNotReleased,
           "the product was released out of specification and no physician decision to release it is recorded",
           "core/oos-release");
  }
  check_predecessors(input, decision);
  check_repeat(input, decision);
}

}  // namespace cj::workflows
