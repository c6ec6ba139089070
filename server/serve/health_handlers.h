// GET /healthz, GET /metrics and GET /api/v1/version: the server's own state. Health and version
// are public; the metrics need an admin's or QA's session, except on the loopback-only
// --metrics-listen port (a Prometheus scraper on this machine).
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
/// Only for a person with the admin or QA role at some site: else 401 (no valid session) or 403
/// (a station, or other roles); 503 when the database cannot check the session.
void handle_metrics(api::AppContext& app, const api::Request& req, Respond respond);

/// The same text for anyone: the --metrics-listen port, which listens on loopback only. Without
/// the database, the figures that need it are left out.
void handle_open_metrics(api::AppContext& app, Respond respond);

/// 200 with the program, API and schema versions. Never touches the database.
void handle_version(api::AppContext& app, Respond respond);

}  // namespace cj::serve
