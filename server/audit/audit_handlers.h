// The audit routes (docs/audit.md). Roles qa and admin.
//
//   GET  /api/v1/audit/verify               every chain of the caller's sites' journeys, and the
//                                           administration chain for admins; names journeys by
//                                           COI, never a patient's identifiers
//   POST /api/v1/audit/checkpoints          take a signed checkpoint now (503 without a centre key)
//   GET  /api/v1/audit/checkpoints/latest   the newest checkpoint, to keep apart from the database
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::audit {

std::vector<api::Route> audit_routes();

}  // namespace cj::audit
