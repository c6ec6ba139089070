// The deviations inbox over HTTP:
//   GET  /api/v1/deviations?status=&severity=&site=&product=&owner=&code=&journey=&older_than_hours=&sort=
//                                                    the caller's sites only; rows with patient
//                                                    initials, product, age, owner, closing signature
//   GET  /api/v1/deviations/statistics?site=&from=&to=   qa, coordinator: counts by code and
//                                                    status, near misses included
//                                                    (deviation_statistics.h)
//   GET  /api/v1/deviations/{id}                     with its history, lifecycle and closing signature
//   POST /api/v1/deviations/{id}/acknowledge         qa or coordinator at its site; {"owner"?, "note"?}
//                                                    (owner: a username, the caller by default)
//   POST /api/v1/deviations/{id}/close               qa at its site, from disposition with the
//                                                    disposition recorded, signed:
//                                                    {"password", "meaning", "reason"}
// and the steps between (lifecycle_routes.h).
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::deviations {

std::vector<api::Route> deviation_routes();

}  // namespace cj::deviations
