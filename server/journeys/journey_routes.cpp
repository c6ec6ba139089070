// The journeys area's routes, for api::all_routes().
#include "server/journeys/journey_routes.h"

#include "server/api/routes.h"
#include "server/rules/rules_routes.h"

namespace cj::api {

std::vector<Route> journey_routes() {
  std::vector<Route> routes;
  for (auto group : {journeys::creation_routes, journeys::unit_routes, journeys::view_routes, journeys::list_routes,
                     rules::rules_routes}) {
    auto more = group();
    routes.insert(routes.end(), more.begin(), more.end());
  }
  return routes;
}

}  // namespace cj::api
