// The temperature evidence routes (docs/coldchain.md):
//
//   POST /api/v1/temperature/readings       a logger or freezer monitor pushing readings (JSON);
//                                           its station key, or a cell_lab/coordinator user
//   POST /api/v1/journeys/{coi}/temperature a logger's CSV export (Content-Type: text/csv),
//                                           ?logger=&zone=&unit=C|F&shipper=|storage_position=;
//                                           cell_lab, coordinator, or a station of the site
//   GET  /api/v1/journeys/{coi}/temperature readings, limits, excursions and gaps per logger
//   GET  /api/v1/journeys/{coi}/temperature.png   the curve, drawn by temperature_chart.h
//
// Both writers record each (logger, instant) once, then evaluate the journey's evidence and
// raise what is new (evidence.h), in one transaction.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::temperature {

std::vector<api::Route> temperature_routes();

}  // namespace cj::temperature
