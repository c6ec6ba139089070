// The deviation lifecycle's steps after the acknowledgement, over HTTP (docs/quality.md
// "Deviations and CAPA"; lifecycle.h has the states). Each answers the deviation as GET
// /api/v1/deviations/{id} does; an illegal step is 409 DEVIATION_<STATUS> saying what comes first.
//   POST /api/v1/deviations/{id}/owner               qa, coordinator: {"owner", "reason"}
//   POST /api/v1/deviations/{id}/investigation       qa or the owner: {"category", "text"}
//   POST /api/v1/deviations/{id}/actions             qa or the owner: {"kind", "text", "owner", "due"}
//   POST /api/v1/deviations/{id}/actions/{n}/close   qa, the owner or the action's owner: {"note"}
//   POST /api/v1/deviations/{id}/capa                qa: {"outcome": "completed" | "skipped", "note"}
//   POST /api/v1/deviations/{id}/disposition         qa (a physician for physician_decision):
//                                                    {"disposition", "note", "physician"?}
//   POST /api/v1/deviations/{id}/reopen              qa: {"reason"}
// The acknowledgement and the signed closure are deviation_handlers.h's.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::deviations {

std::vector<api::Route> lifecycle_routes();

}  // namespace cj::deviations
