// PUT /api/v1/users/{username}/badge {"badge"} and /pin {"pin"}: administrators (scoped).
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::admin {

std::vector<api::Route> badge_routes();

}  // namespace cj::admin
