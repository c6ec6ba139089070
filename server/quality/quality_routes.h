// The quality figures (docs/quality.md, "Quality figures"). Roles qa, coordinator and admin, for
// the sites they hold that role at.
//
//   GET /api/v1/quality/figures          {"from", "until", "deviations": [...], "durations": [...]}
//   GET /api/v1/quality/deviations.csv   deviations and near misses per month, product, site, code
//   GET /api/v1/quality/durations.csv    median and spread of each stretch per product and site
//   GET /api/v1/quality/deviations.png   the same drawn (?width=&height=)
//   GET /api/v1/quality/durations.png
//
// Each takes ?from= and ?until= (dates or RFC 3339 times; default the twelve months to now),
// ?site= (a site code) and ?product=.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::quality {

std::vector<api::Route> quality_routes();

}  // namespace cj::quality
