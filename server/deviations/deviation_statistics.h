// GET /api/v1/deviations/statistics?site=&from=&to=: how many deviations (by code and status)
// and near misses (by code, reviewed or not) a site has had, for QA's reviews and inspections.
//
// Readers: qa and coordinator, over the sites where they hold one of them (site= narrows to
// one; 404 UNKNOWN_SITE for a site that is not theirs). from and to are days (YYYY-MM-DD, UTC),
// both included, both optional; deviations count by the time they were raised, near misses by
// the time they were recorded (server times both). The answer:
//   {"sites": ["north"], "from": "2026-11-01" | null, "to": "2026-11-30" | null,
//    "deviations":  {"total": 3, "by_status": {"open": 1, "acknowledged": 0, ..., "closed": 2} (every status of lifecycle.h),
//                    "by_code": {"OUT_OF_ORDER": {"open": 1, "acknowledged": 0, "closed": 0, "total": 1}, ...}},
//    "near_misses": {"total": 1, "by_status": {"unreviewed": 1, "reviewed": 0},
//                    "by_code": {"COI_MISMATCH": {"unreviewed": 1, "reviewed": 0, "total": 1},
//                                "WRISTBAND_MISMATCH": {...}, "UNIT_NOT_IN_JOURNEY": {...}}}}
// Deviation codes appear when counted; every near-miss code always appears (0 when none).
#pragma once

#include "server/api/call.h"

namespace cj::deviations {

api::Response deviation_statistics(api::Call& call, pqxx::connection_base& db);
/// Its reading of the query (site, from, to), without the database (the route's validate).
void check_statistics_query(const api::Call& call);

}  // namespace cj::deviations
