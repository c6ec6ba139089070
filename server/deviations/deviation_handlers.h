// The deviations inbox over HTTP:
//   GET  /api/v1/deviations?status=&site=&journey=   the caller's sites only
//   GET  /api/v1/deviations/statistics?site=&from=&to=   qa, coordinator: counts by code and
//                                                    status, near misses included
//                                                    (deviation_statistics.h)
//   GET  /api/v1/deviations/{id}                     with its lifecycle and closing signature
//   POST /api/v1/deviations/{id}/acknowledge         qa or coordinator at its site; {"note"?}
//   POST /api/v1/deviations/{id}/close               qa at its site, signed:
//                                                    {"password", "meaning", "reason"}
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::deviations {

std::vector<api::Route> deviation_routes();

}  // namespace cj::deviations
