// GET /healthz, GET /metrics and GET /api/v1/version: the server's own state, public.
#pragma once

#include "server/api/app_context.h"
#include "server/transport/application.h"

namespace cj::serve {

using transport::Respond;

/// 200 with {"status":"ok","database":{"reachable":true,"schema_version":N},
/// "live_feed":{"listening":B}} when the database answers (listening: changes reach
/// /api/v1/feed); 503 with "reachable": false (and why) when it does not.
void handle_healthz(api::AppContext& app, Respond respond);

/// 200 with Prometheus text: requests, latencies, scans, database pool and feed state, and from
/// the database the open deviations and the near misses (all, and unreviewed) by code.
void handle_metrics(api::AppContext& app, Respond respond);

/// 200 with the program, API and schema versions. Never touches the database.
void handle_version(api::AppContext& app, Respond respond);

}  // namespace cj::serve
