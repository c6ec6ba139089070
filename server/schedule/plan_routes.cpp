// PUT and GET /api/v1/journeys/{coi}/plan (schedule_routes.h).
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/audit/admin_log.h"
#include "server/board/projection.h"
#include "server/journeys/journey_access.h"
#include "server/schedule/plan_input.h"
#include "server/schedule/plan_view.h"
#include "server/schedule/schedule_routes.h"

namespace cj::schedule {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using base::Failure;

JourneyRef ref_of(const journal::LoadedJourney& loaded) {
  return {loaded.journey.id, loaded.journey.coi, loaded.journey.product, loaded.journey.site_id};
}

json::array items_log(const std::vector<StoredItem>& items) {
  json::array out;
  for (const StoredItem& i : items) {
    out.push_back(json::object{{"kind", workflows::plan_kind_name(i.kind)},
                               {"start", i.start},
                               {"end", i.end ? json::value(*i.end) : json::value(nullptr)}});
  }
  return out;
}

Response put_plan(Call& call, pqxx::connection_base& db) {
  const PlanRequest request = read_plan_request(call);
  const std::string& coi = call.params.at(0);
  pqxx::work tx(db);
  const JourneyRef journey = ref_of(journeys::visible_journey(tx, call.who(), coi));
  journeys::require_role_at(call.who(), journey.site_id, {api::Role::kCoordinator}, "Planning a journey's dates");
  const int current = lock_plan(tx, journey.id);
  if (request.version && *request.version != current) {
    throw Failure::conflict("PLAN_CHANGED", std::string("The plan was changed to version ") + std::to_string(current) +
                                                " since you read version " + std::to_string(*request.version) +
                                                "; reload it and make your change again.");
  }
  if (current > 0 && !request.reason) {
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD",
                  "A change of a plan needs a reason (the field 'reason'): why the dates moved.", "reason");
  }
  append_plan(tx, journey.id, journey.site_id, current + 1, request.items, request.reason, call.who().id);
  board::refresh(tx, journey.id);  // its next planned date, on the board and to its open pages
  json::object details{{"version", current + 1}, {"items", items_log(request.items)}};
  if (request.reason) details["reason"] = *request.reason;
  audit::log_action(tx, call.who().name, "journey.plan", coi, details);
  json::object body = plan_view(tx, journey);
  tx.commit();
  return call.json(current == 0 ? 201 : 200, body);
}

Response get_plan(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db, "plan");
  const JourneyRef journey = ref_of(journeys::visible_journey(tx, call.who(), call.params.at(0)));
  return call.json(200, plan_view(tx, journey));
}

}  // namespace

std::vector<api::Route> plan_routes() {
  api::Access coordinators;
  coordinators.roles = {api::Role::kCoordinator};
  const api::Access site_people;  // any user who sees the journey (journey_access.h)
  return {
      {"PUT", "/api/v1/journeys/{coi}/plan", coordinators, &put_plan, [](const Call& c) { read_plan_request(c); }},
      {"GET", "/api/v1/journeys/{coi}/plan", site_people, &get_plan},
  };
}

std::vector<api::Route> schedule_routes() {
  auto routes = plan_routes();
  auto more = site_schedule_routes();
  routes.insert(routes.end(), more.begin(), more.end());
  return routes;
}

}  // namespace cj::schedule
