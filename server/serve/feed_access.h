// Who may open the live feed (GET /api/v1/feed, upgraded to WebSocket), and for which sites:
// the server/transport Application's `open_feed`.
#pragma once

#include <functional>

#include "server/api/app_context.h"
#include "server/transport/application.h"

namespace cj::serve {

/// Authenticates req on a database worker: "Authorization: Bearer <token>", or "?token=<token>"
/// (browsers cannot set headers on a WebSocket). "?site=<code>" narrows the feed to one of the
/// principal's sites. done is called once, from any thread.
void check_feed_access(api::AppContext& app, const api::Request& req, std::function<void(transport::FeedAccess)> done);

}  // namespace cj::serve
