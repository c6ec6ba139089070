// A product's planning rules: the lead times between the planned dates of a journey, read from
// the `schedule:` section of its file (workflows/products/<product>.yaml):
//
//   schedule:
//     manufacturing_turnaround: {min: 21 d, source: "US PI §17: usually takes about 3-4 weeks"}
//     lymphodepletion_to_infusion: {min: 2 d, max: 14 d, calendar_days: true, source: "..."}
//     release_to_infusion: {min: site_set}
//
// Each lead time counts from one planned point to another (lead_time_spans() lists them). A
// number written in the file names its source, like every other rule; `site_set` takes the
// site configuration's value ("kymriah/release-to-infusion.min", with its source) and, where the
// site gives none, leaves that bound unchecked and says so (LeadTime::unset): a planning rule
// nobody has set is shown as unchecked, never replaced by a guessed number.
//
// Kept beside the product's Definition rather than in it: the engine never reads plans, and the
// planning rules change without touching the engine's rules (docs/schedule.md).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/definition_loader.h"
#include "workflows/site_config.h"
#include "workflows/status.h"
#include "workflows/time_point.h"

namespace cj::workflows {

// What a journey plans: the apheresis slot, the manufacturing slot (start to expected release),
// the shipment of the product back, the lymphodepleting chemotherapy, the infusion.
enum class PlanKind { Apheresis, Manufacturing, Shipment, Lymphodepletion, Infusion };
inline constexpr std::array<PlanKind, 5> kPlanKinds{PlanKind::Apheresis, PlanKind::Manufacturing, PlanKind::Shipment,
                                                    PlanKind::Lymphodepletion, PlanKind::Infusion};

// "apheresis", "manufacturing", "shipment", "lymphodepletion", "infusion".
std::string_view plan_kind_name(PlanKind kind);
std::optional<PlanKind> parse_plan_kind(std::string_view name);
// The step whose record fulfils the item (apheresis.collect, manufacturing.release, product.ship,
// lymphodepletion.end, infusion.start): the week view calls an item slipped when its due time
// has passed without it.
std::string_view plan_kind_step(PlanKind kind);
// Whether that step is due by the item's end (apheresis, manufacturing, lymphodepletion: the
// slot ends with it) or by its start (shipment, infusion); an item without an end: its start.
bool plan_kind_due_at_end(PlanKind kind);

// Where a lead time counts from and to: an item's start, or its end (its start when it has none).
struct LeadTimeSpan {
  std::string_view name;  // the key under `schedule:`
  std::string_view slug;  // the rule's name after the product: "manufacturing-turnaround"
  PlanKind from;
  bool from_end;
  PlanKind to;
  bool to_end;
  std::string_view words;  // for messages: "from the start of manufacturing to the expected release"
};
const std::vector<LeadTimeSpan>& lead_time_spans();

struct LeadTime {
  std::string name;  // "manufacturing_turnaround"
  std::string rule;  // "kymriah/manufacturing-turnaround"
  std::optional<Duration> min, max;
  bool calendar_days = false;      // min and max count UTC calendar days between the two dates
  std::string source;              // the file's, or the site's for a site-set value
  std::vector<std::string> unset;  // "min", "max": site-set bounds the site did not give
  int line = 0;
};

struct ScheduleRules {
  std::string product;
  std::vector<LeadTime> lead_times;  // in the order of lead_time_spans(); only those the file names
};

// Reads the `schedule:` section of a product file (none: no lead times). Problems: YAML syntax,
// unknown keys, a bound that is not a duration, a number without a source, a regional value
// without a site. `site` may be null (then every site-set bound is unset).
Result<ScheduleRules> read_schedule_rules(const DefinitionText& product, const SiteConfig* site);

// The same for the embedded products/<product>.yaml; a problem when there is no such product.
Result<ScheduleRules> embedded_schedule_rules(std::string_view product, const SiteConfig* site);

}  // namespace cj::workflows
