// The journeys area's routes, each group in its own file; journey_routes() gathers them (with the
// site rules routes of server/rules/).
//
//   POST /api/v1/journeys                 create_journey.cpp  coordinator, physician, admin
//   POST /api/v1/journeys/{coi}/units     journey_units.cpp   coordinator, cell_lab, apheresis, admin
//   GET  /api/v1/journeys/{coi}           journey_view.cpp    any user of the journey's site
//   GET  /api/v1/journeys?status=&product=&site=&identifier=   journey_list.cpp  the caller's sites only
//   PUT  /api/v1/journeys/{coi}/identifiers/{kind}  identifier_routes.cpp  coordinator, physician, admin
//   POST /api/v1/codes/check              code_check.cpp      anyone who registers units or records
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::journeys {

/// Every route of the area, the site rules routes included.
std::vector<api::Route> journey_routes();

std::vector<api::Route> creation_routes();
std::vector<api::Route> unit_routes();
std::vector<api::Route> view_routes();
std::vector<api::Route> list_routes();
std::vector<api::Route> identifier_routes();
std::vector<api::Route> code_check_routes();

}  // namespace cj::journeys
