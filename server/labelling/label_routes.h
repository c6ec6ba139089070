// The labels area's routes (docs/labels.md "Labels from the server"):
//
//   GET  /api/v1/labels/{din}.{png,pdf,svg,zpl}?template=NAME[&dpi=N][&product_code=]
//        the label's file, built from the journal now (a preview: nothing is recorded)
//   POST /api/v1/labels/{din}/print  {"template", "printer", "reason"?, "product_code"?}
//        prints on a registered printer of the unit's site; 201 with the print record, 502
//        PRINT_FAILED with the record (outcome failed) when the printer did not take the job
//   GET  /api/v1/labels/{din}/prints   the unit's print history, oldest first
//
// {din}: the unit's 13-character DIN as registered (no "=", no flag characters). Callers:
// apheresis, cell_lab, clinical or coordinator at the unit's site, or a station of that site
// (qa may also read the history); a unit at another site answers 404 UNKNOWN_UNIT.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::labelling {

std::vector<api::Route> label_routes();

}  // namespace cj::labelling
