// /api/v1/sites/{code}/rules: a site's rules configuration (workflows/site_config.h).
//
//   GET  any user with a role at the site: {"site", "yaml", "updated_at", "updated_by",
//        "usable": [products], "unusable": {product: [problems]}}; 404 RULES_NOT_SET.
//   PUT  admin at the site, body {"yaml": "..."}: stores it and answers as GET; 400
//        RULES_INVALID with "problems" (file:line messages) when it does not read or a product of
//        the site's open journeys would no longer load (nothing is stored then).
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::rules {

std::vector<api::Route> rules_routes();

}  // namespace cj::rules
