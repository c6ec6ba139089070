#include "workflows/schedule_check.h"

#include <algorithm>

namespace cj::workflows {
namespace {

const PlanItem* find(const std::vector<PlanItem>& items, PlanKind kind) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const PlanItem& i) { return i.kind == kind; });
  return it == items.end() ? nullptr : &*it;
}

TimePoint point(const PlanItem& item, bool end) { return end && item.end ? *item.end : item.start; }

std::string name(PlanKind kind) { return std::string(plan_kind_name(kind)); }

// The journey's order: `before` (its end, or its start) at or before `after`'s start.
struct OrderRule {
  PlanKind before;
  bool before_end;
  PlanKind after;
};
constexpr OrderRule kOrder[] = {
    {PlanKind::Apheresis, true, PlanKind::Lymphodepletion},  // LD would deplete the cells to collect
    {PlanKind::Apheresis, true, PlanKind::Manufacturing},   {PlanKind::Manufacturing, true, PlanKind::Shipment},
    {PlanKind::Shipment, true, PlanKind::Infusion},         {PlanKind::Lymphodepletion, true, PlanKind::Infusion},
    {PlanKind::Apheresis, true, PlanKind::Infusion},
};

std::string length_text(Duration d, bool calendar_days) {
  if (calendar_days) return std::to_string(d.count() / 86400) + " calendar days";
  return format_duration(d);
}

}  // namespace

std::vector<PlanFlag> check_plan(const std::vector<PlanItem>& items, const ScheduleRules& rules) {
  std::vector<PlanFlag> flags;
  for (const PlanItem& item : items) {
    if (item.end && *item.end < item.start) {
      flags.push_back({item.kind, "PLAN_ENDS_BEFORE_START", "core/plan-slot",
                       name(item.kind) + " is planned to end (" + format_time(*item.end) + ") before it starts (" +
                           format_time(item.start) + ")",
                       ""});
    }
  }
  for (const OrderRule& order : kOrder) {
    const PlanItem* before = find(items, order.before);
    const PlanItem* after = find(items, order.after);
    if (before == nullptr || after == nullptr) continue;
    if (point(*before, order.before_end) > after->start) {
      flags.push_back({order.after, "PLAN_OUT_OF_ORDER", "core/plan-order",
                       name(order.after) + " (" + format_time(after->start) + ") is planned before " +
                           name(order.before) + (order.before_end && before->end ? " ends (" : " (") +
                           format_time(point(*before, order.before_end)) + ")",
                       ""});
    }
  }
  for (const LeadTime& lead : rules.lead_times) {
    const auto span = std::find_if(lead_time_spans().begin(), lead_time_spans().end(),
                                   [&](const LeadTimeSpan& s) { return s.name == lead.name; });
    if (span == lead_time_spans().end()) continue;
    const PlanItem* from = find(items, span->from);
    const PlanItem* to = find(items, span->to);
    if (from == nullptr || to == nullptr) continue;
    const TimePoint a = point(*from, span->from_end), b = point(*to, span->to_end);
    const Duration planned = lead.calendar_days ? Duration{calendar_days_between(a, b) * 86400} : b - a;
    const std::string what = std::string(span->words) + " is planned as " + length_text(planned, lead.calendar_days);
    if (lead.min && planned < *lead.min) {
      flags.push_back({span->to, "LEAD_TIME_TOO_SHORT", lead.rule,
                       what + "; " + rules.product + " needs at least " + length_text(*lead.min, lead.calendar_days),
                       lead.source});
    }
    if (lead.max && planned > *lead.max) {
      flags.push_back({span->to, "LEAD_TIME_TOO_LONG", lead.rule,
                       what + "; " + rules.product + " allows at most " + length_text(*lead.max, lead.calendar_days),
                       lead.source});
    }
  }
  return flags;
}

}  // namespace cj::workflows
