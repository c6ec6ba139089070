#include "server/admin/admin_routes.h"

#include "server/admin/badges.h"
#include "server/admin/qualifications.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"

namespace cj::admin {

std::vector<api::Route> admin_routes() {
  std::vector<api::Route> routes;
  for (auto group : {site_routes, user_routes, station_routes, qualification_routes, badge_routes}) {
    auto more = group();
    routes.insert(routes.end(), more.begin(), more.end());
  }
  return routes;
}

}  // namespace cj::admin
