#include "workflows/bag_status.h"

#include <array>
#include <utility>

#include "workflows/journey_index.h"

namespace cj::workflows {
namespace {

// The steps that move a bag on, furthest last, and the state each leaves it in.
constexpr std::array<std::pair<const char*, const char*>, 6> kStates{{{"product.store", "stored"},
                                                                      {"product.thaw", "thawing"},
                                                                      {"product.thaw_complete", "thawed"},
                                                                      {"infusion.verify", "checked"},
                                                                      {"infusion.start", "infusing"},
                                                                      {"infusion.end", "infused"}}};

}  // namespace

JourneyStanding journey_standing(const Definition& definition, const History& history, const Context& context) {
  const JourneyIndex journey{definition, history};
  const Custody& custody = journey.custody();
  JourneyStanding standing{custody, {}};
  std::vector<BagStatus>& bags = standing.bags;
  for (const Unit& unit : context.journey.units) {
    if (unit.kind != "bag" && unit.kind != "vial") continue;
    BagStatus bag{unit.key(), unit.kind, unit.dose, unit.colour, "registered", std::nullopt};
    for (const auto& [step, state] : kStates) {
      const std::size_t index = definition.step_index(step);
      if (index == definition.steps.size()) continue;
      if (journey.first(index, [&](const RecordedEvent& e) { return has_unit(e.units, bag.unit); }) != nullptr) {
        bag.state = state;
      }
    }
    if (custody.is_disposed(bag.unit)) {
      bag.state = "disposed";
    } else if (custody.is_returned(bag.unit)) {
      bag.state = "returned";
    }
    if (const Hold* hold = custody.hold_of(bag.unit)) bag.hold = *hold;
    bags.push_back(std::move(bag));
  }
  return standing;
}

}  // namespace cj::workflows
