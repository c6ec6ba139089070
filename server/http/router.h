// Maps a request to its handler. Handlers answer through a Respond callback, which may be called
// from any thread (a database worker, typically) exactly once.
#pragma once

#include <functional>

#include "server/http/app_context.h"
#include "server/http/responses.h"

namespace cj::server {

using Respond = std::function<void(Response)>;

/// REQUIRES: respond is safe to call from any thread.
void route(AppContext& app, Request&& req, Respond respond);

}  // namespace cj::server
