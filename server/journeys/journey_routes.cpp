#include "server/journeys/journey_routes.h"

#include "server/rules/rules_routes.h"

namespace cj::journeys {

std::vector<api::Route> journey_routes() {
  std::vector<api::Route> routes;
  for (auto group : {creation_routes, unit_routes, view_routes, list_routes, identifier_routes, code_check_routes,
                     rules::rules_routes}) {
    auto more = group();
    routes.insert(routes.end(), more.begin(), more.end());
  }
  return routes;
}

}  // namespace cj::journeys
