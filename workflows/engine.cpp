#include "workflows/engine.h"

#include "workflows/checks.h"
#include "workflows/deadlines.h"
#include "workflows/journey_index.h"

namespace cj::workflows {

Decision evaluate(const Definition& definition, const SiteConfig& site, const History& history, const Event& event,
                  const Context& context, TimePoint now) {
  Decision decision;
  const JourneyIndex journey{definition, history};
  const std::size_t step_index = definition.step_index(event.step);
  if (step_index == definition.steps.size()) {
    refuse(decision, Code::UnknownStep, "'" + event.step + "' is not a step of " + definition.name, "core/steps");
  } else {
    const CheckInput input{definition, site, journey, event, context, definition.steps[step_index], step_index, now};
    check_identity(input, decision);
    check_operators(input, decision);
    check_journey_state(input, decision);
    check_bag_state(input, decision);
    check_correction(input, decision);
    check_windows(input, decision);
    check_data(input, decision);
    check_checklist(input, decision);
  }
  decision.accepted = decision.refusals.empty();
  if (!decision.accepted) {
    decision.deviations.clear();
    decision.next = next_steps(open_obligations(definition, journey, context));
    return decision;
  }
  const RecordedEvent recorded = record(definition, event, decision, 0);
  const JourneyIndex after{definition, history, &recorded};
  decision.next = next_steps(open_obligations(definition, after, context));
  return decision;
}

RecordedEvent record(const Definition& definition, const Event& event, const Decision& decision,
                     std::int64_t event_id) {
  RecordedEvent recorded;
  recorded.event_id = event_id;
  recorded.event = event;
  recorded.step_index = definition.step_index(event.step);
  recorded.units = decision.units;
  if (const auto* oos = event.data.if_contains("out_of_specification")) {
    recorded.out_of_specification = event.step == "manufacturing.release" && oos->is_bool() && oos->get_bool();
  }
  if (event.step == "oos.physician_decision") {
    const auto* answer = event.data.if_contains("decision");
    recorded.physician_releases = answer != nullptr && answer->is_string() && answer->get_string() == "release";
  }
  return recorded;
}

}  // namespace cj::workflows
