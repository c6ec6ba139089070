// Derived time points of a journey (docs/export.md), computed from recorded events, never
// typed in: for registry export and for reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/definition.h"
#include "workflows/event.h"

namespace cj::workflows {

struct UnitInterval {
  std::string unit;
  Duration duration{};
};

struct TimePoints {
  // First infusion.start - last apheresis.collect (the last session's end).
  std::optional<Duration> vein_to_vein;
  // First infusion.start - order: the order is the earliest recorded trace of the decision to
  // treat (the registries' "T0"; the clinical decision itself may precede it).
  std::optional<Duration> decision_to_infusion;
  // First infusion.start - last lymphodepletion.end (checked against the product's LD window).
  std::optional<Duration> ld_end_to_infusion;
  // Last manufacturing.release - last apheresis.collect.
  std::optional<Duration> apheresis_to_release;
  // manufacturing.release - manufacturing.receive.
  std::optional<Duration> manufacturing_turnaround;
  // manufacturing.start - last apheresis.collect (Kymriah: OOS beyond 9 months).
  std::optional<Duration> apheresis_age_at_manufacturing_start;
  // Per bag: infusion.end - product.thaw (start of thaw) of the same unit.
  std::vector<UnitInterval> thaw_to_infusion_end;
};

TimePoints derive_time_points(const Definition& definition, const History& history);

}  // namespace cj::workflows
