// The API's routes, gathered from each area of the server.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::api {

/// Every API route, in matching order.
std::vector<Route> all_routes();

// Each area lists its own routes, in its own file.
std::vector<Route> session_routes();  // server/auth/session_handlers.cpp: POST/DELETE /api/v1/session
std::vector<Route> admin_routes();    // server/admin/: sites, users, stations, qualifications
std::vector<Route> journey_routes();  // server/journeys/, server/rules/: journeys, units, site rules
std::vector<Route> scan_routes();     // server/scans/: POST /api/v1/scans, /api/v1/journeys/{coi}/events

}  // namespace cj::api
