// Application: what the HTTP transport asks of the rest of the server.
//
// The transport (listener, HTTP and WebSocket sessions) reads requests, writes answers and keeps
// feed subscribers connected; it decides nothing. Every answer, and whether a live feed may open,
// comes from these functions, which the composition root (server/serve) fills in. Both may
// answer from any thread (a database worker, typically), exactly once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "server/api/request.h"
#include "server/api/response.h"

namespace cj::api {
class Metrics;
}
namespace cj::feed {
class FeedHub;
}

namespace cj::transport {

using Respond = std::function<void(api::Response)>;

/// Whether a WebSocket upgrade of the live feed may go ahead, and for which sites.
struct FeedAccess {
  bool allowed = false;
  int status = 0;  // when refused: 401, 403, 503
  std::string code;
  std::string message;
  std::vector<std::int64_t> site_ids;  // when allowed: the sites whose changes it receives
  std::int64_t user_id = 0;            // when allowed: whose it is (0: a station), so that it
  std::int64_t session_id = 0;         // can be closed when the session or the rights end
};

struct Application {
  std::function<void(api::Request, Respond)> handle;
  /// For an upgrade of GET /api/v1/feed; unset or feed null: no WebSocket.
  std::function<void(const api::Request&, std::function<void(FeedAccess)>)> open_feed;
  feed::FeedHub* feed = nullptr;
  api::Metrics* metrics = nullptr;  // may be null
};

}  // namespace cj::transport
