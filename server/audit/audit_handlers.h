// GET /api/v1/audit/verify: recompute every journey's event chain and name the first broken
// link of each (docs/audit.md). Roles qa and admin.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::audit {

std::vector<api::Route> audit_routes();

}  // namespace cj::audit
