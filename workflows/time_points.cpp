#include "workflows/time_points.h"

#include "workflows/journey_index.h"

namespace cj::workflows {
namespace {

const RecordedEvent* first(const Definition& definition, const JourneyIndex& journey, std::string_view step) {
  const std::size_t index = definition.step_index(step);
  if (index == definition.steps.size() || !journey.any(index)) return nullptr;
  return journey.of_step(index).front();
}

const RecordedEvent* last(const Definition& definition, const JourneyIndex& journey, std::string_view step) {
  const std::size_t index = definition.step_index(step);
  if (index == definition.steps.size() || !journey.any(index)) return nullptr;
  return journey.of_step(index).back();
}

std::optional<Duration> between(const RecordedEvent* from, const RecordedEvent* to) {
  if (from == nullptr || to == nullptr) return std::nullopt;
  return to->event.occurred_at - from->event.occurred_at;
}

}  // namespace

TimePoints derive_time_points(const Definition& definition, const History& history) {
  const JourneyIndex journey{definition, history};
  TimePoints points;
  const RecordedEvent* apheresis = last(definition, journey, "apheresis.collect");
  const RecordedEvent* infusion = first(definition, journey, "infusion.start");
  points.vein_to_vein = between(apheresis, infusion);
  points.decision_to_infusion = between(first(definition, journey, "order"), infusion);
  points.ld_end_to_infusion = between(last(definition, journey, "lymphodepletion.end"), infusion);
  points.apheresis_to_release = between(apheresis, last(definition, journey, "manufacturing.release"));
  points.manufacturing_turnaround =
      between(first(definition, journey, "manufacturing.receive"), last(definition, journey, "manufacturing.release"));
  points.apheresis_age_at_manufacturing_start = between(apheresis, first(definition, journey, "manufacturing.start"));
  const std::size_t thaw = definition.step_index("product.thaw");
  const std::size_t end = definition.step_index("infusion.end");
  if (thaw < definition.steps.size() && end < definition.steps.size()) {
    for (const RecordedEvent* ended : journey.of_step(end)) {
      for (const std::string& unit : ended->units) {
        const RecordedEvent* thawed =
            journey.latest(thaw, [&](const RecordedEvent& e) { return has_unit(e.units, unit); });
        if (thawed != nullptr) {
          points.thaw_to_infusion_end.push_back({unit, ended->event.occurred_at - thawed->event.occurred_at});
        }
      }
    }
  }
  return points;
}

}  // namespace cj::workflows
