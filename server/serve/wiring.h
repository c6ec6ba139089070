// Wiring: the server/transport transport's Application for an AppContext — requests go to the router,
// feed upgrades to the feed access check.
#pragma once

#include "server/api/app_context.h"
#include "server/transport/application.h"

namespace cj::serve {

/// REQUIRES: app outlives the Application and every connection using it.
transport::Application make_application(api::AppContext& app);

/// The loopback --metrics-listen port's: GET /metrics only, no session, no feed.
transport::Application make_metrics_application(api::AppContext& app);

}  // namespace cj::serve
