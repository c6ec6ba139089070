// GET /api/v1/board: the coordinator board, one row per active or on-hold journey of the
// caller's sites, most urgent first (board_query.h). Not for station keys (403): a station
// cannot list the site's patients.
//
//   ?site=CODE &product=kymriah &stage=product.thaw &overdue=true|false &coi=COI
//   &identifier=TEXT (a manufacturer's identifier: order id, their COI, batch; exact, current value)
//   &limit=1..500 (200) &after=<next_cursor of the previous page>
//
// Answers {"now", "total", "journeys": [row], "next_cursor"}; a row is row_fields()
// (projection.h, with "next_planned": {"kind", "step", "at"}, next_planned.h, or null) plus
// "patient": {"initials", "mrn", "date_of_birth"} and "overdue" (due_by < now). Most urgent
// first: overdue, then open critical or major deviations, then the rest; within each, the
// nearest of the due time and the next planned date.
//
// The MRN and date of birth follow api/patient_view.h: shown only to the people who act on the
// patient at the journey's site (apheresis, cell_lab, clinical, physician, coordinator): they
// must match them against the wristband and the hospital record. QA and administrators review
// processes, not patients: they get the initials only ("mrn": null), the least identifying data
// that still lets a reviewer tell rows apart (GDPR data minimisation).
//
// The live page keeps rows current from the feed's "board" notices (projection.h:
// row_notice(), the row without patient fields): a notice for a COI already on the page
// updates it in place with no call; one for a COI not shown fetches ?coi=COI once.
//
// GET /api/v1/journey-model: the words the pages show for the steps, from the core journey
// (workflows/journey_model.h), read by the pages once before they draw anything:
//   {"steps": [{"step": "order", "name": "Order"}, ...the core steps in order, the stages],
//    "side_steps": {"hold": "On hold", ...}}
// Any signed-in user; the same for everyone (no patient or site data).
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::board {

std::vector<api::Route> board_routes();

}  // namespace cj::board
