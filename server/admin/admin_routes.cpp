// The administration area's routes, for api::all_routes().
#include "server/admin/qualifications.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "server/api/routes.h"

namespace cj::api {

std::vector<Route> admin_routes() {
  std::vector<Route> routes;
  for (auto group : {admin::site_routes, admin::user_routes, admin::station_routes, admin::qualification_routes}) {
    auto more = group();
    routes.insert(routes.end(), more.begin(), more.end());
  }
  return routes;
}

}  // namespace cj::api
