#include "server/schedule/plan_view.h"

#include <boost/json.hpp>

#include "base/failure.h"
#include "server/rules/site_rules.h"
#include "server/schedule/capacity_store.h"
#include "server/schedule/plan_store.h"
#include "workflows/schedule_check.h"

namespace cj::schedule {

namespace {

namespace json = boost::json;
using workflows::PlanKind;

json::value or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::array items_json(const std::vector<StoredItem>& items) {
  json::array out;
  for (const StoredItem& i : items) {
    const auto resource = resource_of(i.kind);
    out.push_back(json::object{{"kind", workflows::plan_kind_name(i.kind)},
                               {"start", i.start},
                               {"end", or_null(i.end)},
                               {"step", workflows::plan_kind_step(i.kind)},
                               {"books", or_null(resource)}});
  }
  return out;
}

// The product's planning rules with the site's values; a problem (no rules for the site, a
// region missing) leaves them empty and says why, so that the plan is still shown and stored.
workflows::ScheduleRules planning_rules(pqxx::transaction_base& tx, const JourneyRef& journey, std::string& problem) {
  std::shared_ptr<const rules::LoadedRules> loaded;
  try {
    loaded = rules::site_definition(tx, journey.site_id, journey.product);
  } catch (const base::Failure& f) {
    problem = f.error().message;
  }
  const workflows::SiteConfig* site = loaded ? &loaded->site : nullptr;
  auto rules = workflows::embedded_schedule_rules(journey.product, site);
  if (!rules.ok()) {
    problem = rules.error().front().to_string();
    return {journey.product, {}};
  }
  return std::move(rules.value());
}

std::vector<workflows::PlanItem> plan_items(const std::vector<StoredItem>& items) {
  std::vector<workflows::PlanItem> out;
  for (const StoredItem& i : items) {
    workflows::PlanItem p{i.kind, *workflows::parse_time(i.start), std::nullopt};
    if (i.end) p.end = workflows::parse_time(*i.end);
    out.push_back(p);
  }
  return out;
}

}  // namespace

json::object plan_view(pqxx::transaction_base& tx, const JourneyRef& journey) {
  const std::vector<PlanVersion> history = plan_history(tx, journey.id);
  json::object out{{"coi", journey.coi},
                   {"product", journey.product},
                   {"time_zone", site_time_zone(tx, journey.site_id)},
                   {"version", history.empty() ? 0 : history.back().version}};
  const PlanVersion* current = history.empty() ? nullptr : &history.back();
  out["planned_by"] = current ? json::value(current->planned_by) : json::value(nullptr);
  out["planned_at"] = current ? json::value(current->planned_at) : json::value(nullptr);
  out["reason"] = current ? or_null(current->reason) : json::value(nullptr);
  out["items"] = current ? items_json(current->items) : json::array{};

  std::string problem;
  const workflows::ScheduleRules rules = planning_rules(tx, journey, problem);
  json::array flags;
  if (current) {
    for (const workflows::PlanFlag& f : workflows::check_plan(plan_items(current->items), rules)) {
      flags.push_back(json::object{{"item", workflows::plan_kind_name(f.item)},
                                   {"code", f.code},
                                   {"rule", f.rule},
                                   {"message", f.message},
                                   {"source", f.source}});
    }
  }
  out["flags"] = std::move(flags);
  json::array unchecked;
  for (const workflows::LeadTime& lead : rules.lead_times) {
    if (lead.unset.empty()) continue;
    json::array unset;
    for (const std::string& bound : lead.unset) unset.push_back(json::value(bound + "=site_set"));
    unchecked.push_back(json::object{{"rule", lead.rule}, {"unset", std::move(unset)}});
  }
  out["unchecked"] = std::move(unchecked);
  out["rules_problem"] = problem.empty() ? json::value(nullptr) : json::value(problem);

  json::array bookings, conflicts;
  for (const Booking& b : plan_bookings(tx, journey.id)) {
    json::object row{{"item", workflows::plan_kind_name(b.kind)},
                     {"resource", b.resource},
                     {"date", b.day},
                     {"places", b.places ? json::value(*b.places) : json::value(nullptr)},
                     {"booked", b.booked},
                     {"conflict", b.conflict()}};
    if (b.conflict()) conflicts.push_back(row);
    bookings.push_back(std::move(row));
  }
  out["bookings"] = std::move(bookings);
  out["conflicts"] = std::move(conflicts);

  json::array versions;
  for (const PlanVersion& v : history) {
    versions.push_back(json::object{{"version", v.version},
                                    {"planned_by", v.planned_by},
                                    {"planned_at", v.planned_at},
                                    {"reason", or_null(v.reason)},
                                    {"items", items_json(v.items)}});
  }
  out["history"] = std::move(versions);
  return out;
}

}  // namespace cj::schedule
