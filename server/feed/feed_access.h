// Who may open the live feed (GET /api/v1/feed, upgraded to WebSocket), and for which sites.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "server/http/app_context.h"
#include "server/http/responses.h"

namespace cj::feed {

struct FeedAccess {
  bool allowed = false;
  int status = 0;  // when refused: 401, 403, 503
  std::string code;
  std::string message;
  std::vector<std::int64_t> site_ids;  // when allowed: the sites whose changes it receives
};

/// Authenticates req on a database worker: "Authorization: Bearer <token>", or "?token=<token>"
/// (browsers cannot set headers on a WebSocket). "?site=<code>" narrows the feed to one of the
/// principal's sites. done is called once, from any thread.
void check_feed_access(server::AppContext& app, const server::Request& req, std::function<void(FeedAccess)> done);

}  // namespace cj::feed
