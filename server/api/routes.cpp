#include "server/api/routes.h"

namespace cj::api {

std::vector<Route> all_routes() {
  std::vector<Route> routes;
  for (auto group : {session_routes, admin_routes}) {
    auto more = group();
    routes.insert(routes.end(), more.begin(), more.end());
  }
  return routes;
}

}  // namespace cj::api
