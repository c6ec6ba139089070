// Running an API request: find its route, parse its JSON body, and on a database worker
// authenticate, authorise and call the handler.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/call.h"
#include "server/transport/application.h"

namespace cj::serve {

struct RouteMatch {
  const api::Route* route = nullptr;  // null: no route for this method and path
  bool path_known = false;            // some route has this path (with another method): 405
  std::vector<std::string> params;    // the {placeholders}, percent-decoded
};

/// Matches method and path (no query) against routes. Pure; used by dispatch() and tests.
RouteMatch match_route(const std::vector<api::Route>& routes, std::string_view method, std::string_view path);

/// The body as the handler gets it (Call::body): JSON, or null when empty or text/csv (a
/// logger's file is the handler's to read). Sets refusal (400 BAD_JSON) when it is not JSON.
boost::json::value request_body(const api::Request& req, std::optional<api::Response>& refusal);

/// Answers req through respond when its path is under /api/v1/ and returns true; returns false
/// (and leaves req alone) otherwise.
bool dispatch(api::AppContext& app, api::Request& req, const std::string& path, transport::Respond& respond);

}  // namespace cj::serve
