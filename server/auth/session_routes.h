// The session's routes: signing in and out, and who the caller is.
//
//   POST   /api/v1/session   anyone (username and password)
//   GET    /api/v1/session   a signed-in user or a station
//   DELETE /api/v1/session   a signed-in user
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::auth {

std::vector<api::Route> session_routes();

}  // namespace cj::auth
