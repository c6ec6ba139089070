// The export endpoints (docs/export.md, docs/api/openapi.yaml):
//   GET /api/v1/journeys/{coi}/export?format=csv|fhir   one journey
//   GET /api/v1/export?from=DATE&to=DATE&format=csv|fhir  the journeys with an accepted event
//       that occurred from `from` (00:00 UTC) to the end of `to` (UTC), both dates inclusive
// Who: users holding qa or coordinator at the journey's site (QA verifies and exports,
// docs/design.md "Users"; coordinators are the registry data managers of a CAR T unit). A range
// export covers only the sites where the caller holds one of them. Every export is written to
// the administration log (export_run.h) before the answer is sent.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::exports {

std::vector<api::Route> export_routes();

}  // namespace cj::exports
