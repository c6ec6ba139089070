// The scans area's routes: what stations and desks record.
//
//   POST /api/v1/scans                   a station, or a person holding a recording role
//   POST /api/v1/journeys/{coi}/events   a person holding a recording role (a desk entry)
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::scans {

std::vector<api::Route> scan_routes();

}  // namespace cj::scans
