#include "workflows/custody.h"

namespace cj::workflows {
namespace {

std::string reason_of(const Event& event) {
  const auto* reason = event.data.if_contains("reason");
  return reason != nullptr && reason->is_string() ? std::string(reason->get_string()) : std::string();
}

}  // namespace

const Hold* Custody::hold_of(std::string_view unit) const {
  if (const auto found = unit_holds.find(unit); found != unit_holds.end()) return &found->second;
  return journey_hold ? &*journey_hold : nullptr;
}

void Custody::apply(const Definition& definition, const RecordedEvent& event) {
  apply(event, event.step_index < definition.steps.size() && definition.steps[event.step_index].readmits);
}

void Custody::apply(const RecordedEvent& event, bool readmits) {
  const std::string& step = event.event.step;
  const std::vector<std::string>& units = event.units;
  if (!step.starts_with("hold") && step != "dispose" && step != "return" && !readmits) return;
  if (step == "hold") {
    const Hold hold{reason_of(event.event), event.event.occurred_at, event.event_id};
    if (units.empty()) {
      journey_hold = hold;
    } else {
      for (const std::string& unit : units) unit_holds[unit] = hold;
    }
  } else if (step == "hold.release") {
    if (units.empty()) {
      journey_hold.reset();
      unit_holds.clear();
    } else {
      for (const std::string& unit : units) {
        if (const auto found = unit_holds.find(unit); found != unit_holds.end()) unit_holds.erase(found);
      }
    }
  } else if (step == "dispose") {
    if (units.empty()) journey_disposed = true;
    disposed.insert(units.begin(), units.end());
  } else if (step == "return") {
    if (units.empty()) journey_returned = true;
    returned.insert(units.begin(), units.end());
  } else if (readmits) {
    bool scanned_returned = false;
    for (const std::string& unit : units) {
      if (returned.erase(unit) > 0) scanned_returned = true;
    }
    if (!scanned_returned) returned.clear();
    journey_returned = false;
  }
}

}  // namespace cj::workflows
