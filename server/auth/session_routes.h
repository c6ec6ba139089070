// The session's routes: signing in and out, who the caller is, and their open sessions.
//
//   POST   /api/v1/session           anyone (username and password; delayed after repeated failures)
//   GET    /api/v1/session           a signed-in user or a station; a user also sees their open
//                                    sessions (id, created, last seen, address, user agent, current)
//   DELETE /api/v1/session           a signed-in user: ends this session (?all=true: every one)
//   DELETE /api/v1/sessions          a signed-in user: ends every session of theirs (sign out everywhere)
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::auth {

std::vector<api::Route> session_routes();

}  // namespace cj::auth
