// Every API route, gathered from each area of the server. Each area declares its own routes in
// its own header (server/<area>/*_routes.h) and defines them beside its handlers.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::serve {

/// Every API route, in matching order.
std::vector<api::Route> all_routes();

}  // namespace cj::serve
