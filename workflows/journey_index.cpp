#include "workflows/journey_index.h"

#include <algorithm>

namespace cj::workflows {

JourneyIndex::JourneyIndex(const Definition& definition, const History& history, const RecordedEvent* extra)
    : by_step_(definition.steps.size()) {
  in_order_.reserve(history.size() + 1);
  const auto add = [&](const RecordedEvent& event) {
    by_step_[event.step_index].push_back(&event);
    in_order_.push_back(&event);
    custody_.apply(definition, event);
  };
  for (const RecordedEvent& event : history) add(event);
  if (extra != nullptr) add(*extra);
}

bool share_unit(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& key) { return has_unit(b, key); });
}

bool has_unit(const std::vector<std::string>& units, std::string_view key) {
  return std::find(units.begin(), units.end(), key) != units.end();
}

std::optional<int> dose_of(const std::vector<std::string>& units, const Context& context) {
  for (const std::string& key : units) {
    const Unit* unit = context.find_unit(key);
    if (unit != nullptr && unit->dose) return unit->dose;
  }
  return std::nullopt;
}

}  // namespace cj::workflows
