// Maps a request to its answer: the health routes, the API (dispatch.h), the browser pages
// (server/web), or 404. This is the server/transport Application's `handle`.
#pragma once

#include <optional>
#include <string>

#include "server/api/app_context.h"
#include "server/transport/application.h"

namespace cj::serve {

/// The percent-decoded path of req's target (no query), or nullopt when the target is not a
/// valid origin-form path (400 BAD_TARGET).
std::optional<std::string> request_path(const api::Request& req);

/// REQUIRES: respond is safe to call from any thread; it is called exactly once.
void route(api::AppContext& app, api::Request&& req, transport::Respond respond);

/// The --metrics-listen port's `handle`: GET /metrics without a session; 404 for anything else.
void route_metrics_port(api::AppContext& app, api::Request&& req, transport::Respond respond);

}  // namespace cj::serve
