// The administration area's routes: sites, users, stations and qualifications, each group in
// its own file (sites.cpp, users.cpp, stations.cpp, qualifications.cpp).
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::admin {

std::vector<api::Route> admin_routes();

}  // namespace cj::admin
