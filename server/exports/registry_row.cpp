#include "server/exports/registry_row.h"

#include <algorithm>
#include <set>

namespace cj::exports {
namespace {

using workflows::TimePoint;

std::optional<TimePoint> first_of(const JourneyFacts& facts, std::string_view step) {
  for (const FactEvent& e : facts.events) {
    if (e.recorded.event.step == step) return e.recorded.event.occurred_at;
  }
  return std::nullopt;
}

std::optional<TimePoint> last_of(const JourneyFacts& facts, std::string_view step) {
  std::optional<TimePoint> found;
  for (const FactEvent& e : facts.events) {
    if (e.recorded.event.step == step) found = e.recorded.event.occurred_at;
  }
  return found;
}

void add_din(std::vector<std::string>& dins, const std::string& din) {
  if (!din.empty() && std::find(dins.begin(), dins.end(), din) == dins.end()) dins.push_back(din);
}

}  // namespace

RegistryRow registry_row(const workflows::Definition* definition, const JourneyFacts& facts) {
  RegistryRow row;
  row.coi = facts.coi;
  row.identifiers = facts.identifiers;
  row.product = facts.product;
  row.site = facts.site;
  row.status = facts.status;

  row.order = first_of(facts, "order");
  row.ld_end = last_of(facts, "lymphodepletion.end");
  row.apheresis_first_end = first_of(facts, "apheresis.collect");
  row.apheresis_last_end = last_of(facts, "apheresis.collect");
  row.manufacturing_receive = first_of(facts, "manufacturing.receive");
  row.manufacturing_start = first_of(facts, "manufacturing.start");
  row.release = last_of(facts, "manufacturing.release");
  row.product_receive = first_of(facts, "product.receive");
  row.first_thaw = first_of(facts, "product.thaw");
  row.first_infusion_start = first_of(facts, "infusion.start");
  row.last_infusion_end = last_of(facts, "infusion.end");

  std::set<std::string> infused;
  bool ended_early = false;  // disposed of or returned between manufacturer and cell lab receipt
  for (const FactEvent& e : facts.events) {
    const std::string& step = e.recorded.event.step;
    if (step == "apheresis.collect") ++row.apheresis_sessions;
    if (step == "infusion.end") infused.insert(e.recorded.units.begin(), e.recorded.units.end());
    if (step == "manufacturing.release" && e.recorded.out_of_specification) row.oos_release = true;
    if (step == "oos.physician_decision" && e.recorded.physician_releases) {
      row.oos_physician_releases = e.recorded.physician_releases;
    }
    if ((step == "dispose" || step == "return") && row.manufacturing_receive &&
        *row.manufacturing_receive <= e.recorded.event.occurred_at &&
        (!row.product_receive || e.recorded.event.occurred_at < *row.product_receive)) {
      ended_early = true;
    }
  }
  row.bags_infused = static_cast<int>(infused.size());
  row.manufacturing_failed = ended_early || (row.oos_physician_releases && !*row.oos_physician_releases);

  if (definition != nullptr) {
    workflows::History history = history_of(facts);
    // A step the site's current rules no longer define cannot be placed (JourneyIndex).
    std::erase_if(history, [&](const workflows::RecordedEvent& e) { return e.step_index >= definition->steps.size(); });
    row.intervals = workflows::derive_time_points(*definition, history);
    for (const auto& bag : row.intervals.thaw_to_infusion_end) {
      if (!row.thaw_to_infusion_end_max || bag.duration > *row.thaw_to_infusion_end_max) {
        row.thaw_to_infusion_end_max = bag.duration;
      }
    }
  }

  for (const std::string& code : facts.deviation_codes) ++row.deviations_by_code[code];
  row.deviations_total = static_cast<int>(facts.deviation_codes.size());

  for (const workflows::Unit& unit : facts.units) {
    if (unit.kind == "apheresis_bag") {
      add_din(row.apheresis_dins, unit.din);
    } else if (unit.kind == "bag" || unit.kind == "cassette" || unit.kind == "vial") {
      add_din(row.product_dins, unit.din);
    }
  }
  return row;
}

}  // namespace cj::exports
