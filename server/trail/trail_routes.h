// The audit trail review (docs/quality.md, "The audit trail review"). Roles qa (their sites'
// records) and admin (every record); 21 CFR 11.10(e): records available for review and copying.
//
//   GET /api/v1/audit/trail       one page, newest first: {"entries": [...], "next": cursor|null}
//                                 ?kind= ?coi= ?person= ?station= ?from= ?until= ?limit= ?after=
//   GET /api/v1/audit/trail.csv   every entry matching the same filter, as CSV
//   GET /api/v1/audit/trail.pdf   the same as a PDF report ending with the audit verification
//                                 and the latest signed checkpoint
//
// Each copy taken (CSV, PDF) is itself recorded (admin_log "export.audit_csv", "export.audit_pdf",
// with the filter and the file's SHA-256), and answered with X-Export-SHA256.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::trail {

/// The most entries one copy holds; more is refused (422 TOO_MANY_RECORDS: narrow the search).
inline constexpr std::size_t kMaxCsvEntries = 100000;
inline constexpr std::size_t kMaxPdfEntries = 10000;

std::vector<api::Route> trail_routes();

}  // namespace cj::trail
