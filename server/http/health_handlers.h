// GET /healthz and GET /api/v1/version.
#pragma once

#include "server/http/router.h"

namespace cj::server {

/// 200 with {"status":"ok","database":{"reachable":true,"schema_version":N},
/// "live_feed":{"listening":B}} when the database answers (listening: changes reach /api/v1/feed); 503 with "reachable": false (and why) when it does not.
void handle_healthz(AppContext& app, const ReplyTo& to, Respond respond);

/// 200 with Prometheus text: requests, latencies, scans, database pool and feed state, and from
/// the database the open deviations and the near misses (all, and unreviewed) by code.
void handle_metrics(AppContext& app, const ReplyTo& to, Respond respond);

/// 200 with the program, API and schema versions. Never touches the database.
void handle_version(AppContext& app, const ReplyTo& to, Respond respond);

}  // namespace cj::server
