// Checking a journey's plan against its product's planning rules: pure, no I/O.
//
//   std::vector<PlanFlag> flags = check_plan(items, rules);
//
// Rules, each flag naming the item that breaks it (the later of the two points):
//   PLAN_ENDS_BEFORE_START  an item's end is before its start                   (core/plan-slot)
//   PLAN_OUT_OF_ORDER       the items' order of the journey: apheresis before lymphodepletion and
//                           before manufacturing starts, the release before the shipment, the
//                           shipment and the end of lymphodepletion before the infusion
//                                                                               (core/plan-order)
//   LEAD_TIME_TOO_SHORT     a lead time of the product below its min            (<product>/<lead time>)
//   LEAD_TIME_TOO_LONG      a lead time above its max (a product's window, e.g. LD to infusion)
// A rule whose items are not both planned is not checked; nor is a bound left unset.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/schedule_rules.h"
#include "workflows/time_point.h"

namespace cj::workflows {

struct PlanItem {
  PlanKind kind = PlanKind::Apheresis;
  TimePoint start;
  std::optional<TimePoint> end;  // none: a point in time
};

struct PlanFlag {
  PlanKind item = PlanKind::Apheresis;  // the item that breaks the rule
  std::string code;                     // PLAN_ENDS_BEFORE_START, PLAN_OUT_OF_ORDER, LEAD_TIME_TOO_*
  std::string rule;                     // "core/plan-order", "kymriah/lymphodepletion-to-infusion"
  std::string message;                  // for people, with the planned and the allowed times
  std::string source;                   // the rule's source (empty for the core's order rules)
  bool operator==(const PlanFlag&) const = default;
};

std::vector<PlanFlag> check_plan(const std::vector<PlanItem>& items, const ScheduleRules& rules);

}  // namespace cj::workflows
