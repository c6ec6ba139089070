// Wiring: the server/http transport's Application for an AppContext — requests go to the router,
// feed upgrades to the feed access check.
#pragma once

#include "server/api/app_context.h"
#include "server/http/application.h"

namespace cj::serve {

/// REQUIRES: app outlives the Application and every connection using it.
server::Application make_application(api::AppContext& app);

}  // namespace cj::serve
