// The forms area: what a step asks for, for the station and the browser (docs/api/openapi.yaml).
//
//   GET /api/v1/forms[?product=&site=]     step_forms.cpp    every step's form of a product (or the core)
//   GET /api/v1/journeys/{coi}/next        journey_next.cpp  whose journey, where it stands, the next steps' forms
//
// Stations (their own site), users holding a recording role (apheresis, cell_lab, clinical,
// physician, coordinator) or QA. Not administrators: they configure, they do not record.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::forms {

/// Every route of the area.
std::vector<api::Route> form_routes();

std::vector<api::Route> step_form_routes();
std::vector<api::Route> journey_next_routes();

/// Who may ask for forms: the recording roles, QA, and stations.
api::Access form_readers();

}  // namespace cj::forms
