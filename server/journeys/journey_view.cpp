// GET /api/v1/journeys/{coi}: everything about one journey, as its site's people see it: the
// journey and patient (initials and MRN only), units, every event in order (accepted and
// refused, with the decision recorded), open deviations, the open obligations at the server's
// now with their due times and every running clock ("deadlines": workflows/clocks.h), each bag's
// dose, state and hold and the journey's hold ("bags", "hold"), and the time points derived from the recorded events
// ("time_points": vein-to-vein, manufacturing turnaround, apheresis age at manufacturing start,
// thaw to infusion end per bag; workflows/time_points.h). Both are null when the site's rules
// no longer load the journey's product. Any user holding a role at the journey's site, or its
// stations.
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/clock.h"
#include "base/failure.h"
#include "server/journeys/journey_access.h"
#include "server/journeys/journey_json.h"
#include "server/journeys/journey_routes.h"
#include "server/rules/site_rules.h"
#include "workflows/deadlines.h"
#include "workflows/json_io.h"
#include "workflows/time_points.h"

namespace cj::journeys {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;

std::shared_ptr<const rules::LoadedRules> definition_of(pqxx::transaction_base& tx,
                                                        const journal::LoadedJourney& journey) {
  try {
    return rules::site_definition(tx, journey.journey.site_id, journey.journey.product);
  } catch (const base::Failure&) {
    return nullptr;
  }
}

json::value deadlines_json(const std::shared_ptr<const rules::LoadedRules>& rules,
                           const journal::LoadedJourney& journey) {
  if (!rules) return nullptr;
  const auto now = base::now_seconds();
  workflows::Context context = journal::context_of(journey);
  return workflows::to_json(
      workflows::sweep_deadlines(rules->definition, journal::history(journey, rules->definition), context, now));
}

// Each bag's dose, state and hold, and the journey's hold (workflows/bag_status.h).
void add_bags(const std::shared_ptr<const rules::LoadedRules>& rules, const journal::LoadedJourney& journey,
              json::object& out) {
  if (!rules) {
    out["bags"] = nullptr;
    out["hold"] = nullptr;
    return;
  }
  const workflows::History history = journal::history(journey, rules->definition);
  const auto standing = workflows::journey_standing(rules->definition, history, journal::context_of(journey));
  json::array bags;
  for (const auto& bag : standing.bags) bags.push_back(workflows::to_json(bag));
  out["bags"] = std::move(bags);
  const auto& hold = standing.custody.journey_hold;
  out["hold"] = hold ? json::value(workflows::to_json(*hold)) : json::value(nullptr);
}

json::value time_points_json(const std::shared_ptr<const rules::LoadedRules>& rules,
                             const journal::LoadedJourney& journey) {
  if (!rules) return nullptr;
  return workflows::to_json(
      workflows::derive_time_points(rules->definition, journal::history(journey, rules->definition)));
}

Response view(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto journey = visible_journey(tx, call.who(), call.params.at(0));
  json::object out = journey_json(tx, journey.journey.id, call.who());
  // The MRN is read to hide it in the scans; it is in the answer only when the caller may see it.
  const ScanViewer viewer{call.who(), journey.journey.site_id, patient_of(tx, journey.journey.id).mrn,
                          journey.identity.wristband};
  json::array units, events, deviations;
  for (const auto& unit : journey.identity.units) units.push_back(unit_json(unit));
  for (const auto& event : journey.events) events.push_back(event_json(event, viewer));
  for (const auto& deviation : journey.open_deviations) deviations.push_back(deviation_json(deviation));
  out["units"] = std::move(units);
  out["events"] = std::move(events);
  out["open_deviations"] = std::move(deviations);
  const auto rules = definition_of(tx, journey);
  out["deadlines"] = deadlines_json(rules, journey);
  out["time_points"] = time_points_json(rules, journey);
  add_bags(rules, journey, out);
  return call.json(200, out);
}

}  // namespace

std::vector<api::Route> view_routes() {
  api::Access site_people;
  site_people.stations = true;
  return {{"GET", "/api/v1/journeys/{coi}", site_people, &view}};
}

}  // namespace cj::journeys
