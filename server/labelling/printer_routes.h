// The printers a caller may print on (docs/labels.md "Printers"):
//
//   GET /api/v1/printers[?site=CODE]
//       {"printers": [{"site", "name", "format", "dpi", "uri"?}]}, by site code and name
//
// Callers: any logged-in user, or a station (its own site). A user sees the printers of the
// sites they hold a role at; ?site= names one of them (any other code, existing or not, answers
// 404 UNKNOWN_SITE, so that nobody can probe for other hospitals' sites).
//
// The address (`uri`) is only given to the administrators of the printer's site. It is not a
// secret (any network scan finds a Zebra on port 9100), but the print form needs only the name,
// and the fewer people who see addresses, the fewer who print to a printer around CellJourney.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::labelling {

std::vector<api::Route> printer_routes();

}  // namespace cj::labelling
