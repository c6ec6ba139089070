// Near misses over HTTP (docs/deviations.md "Near misses", docs/api/openapi.yaml):
//   GET  /api/v1/near-misses?site=&journey=&reviewed=   qa, coordinator (read-only): the sites
//                                                        where the caller holds one of them
//   GET  /api/v1/near-misses/{id}                       the same callers
//   POST /api/v1/near-misses/{id}/review                qa at its site; {"note"}; once (409)
// Near misses are recorded by the scan path (near_miss_store.h: record_if_any), never posted.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::near_misses {

std::vector<api::Route> near_miss_routes();

}  // namespace cj::near_misses
