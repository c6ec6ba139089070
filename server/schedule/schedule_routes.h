// The schedule's routes (docs/schedule.md; docs/api/openapi.yaml):
//
//   PUT /api/v1/journeys/{coi}/plan     coordinators of the journey's site: the whole plan (a
//                                       change after the first names its reason); answers the plan
//   GET /api/v1/journeys/{coi}/plan     anyone who sees the journey: the plan with its flags (the
//                                       product's lead times, workflows/schedule_check.h), its
//                                       bookings and capacity conflicts, and every version
//   PUT /api/v1/sites/{code}/capacity   coordinators and administrators of the site: places per
//                                       weekday or date, with a reason; the site's time zone
//   GET /api/v1/sites/{code}/capacity   the site's people: ?from=&to= (at most 62 days) capacity,
//                                       bookings and conflicts per day and resource
//   GET /api/v1/sites/{code}/week       the site's people: ?start=YYYY-MM-DD (default this week's
//                                       Monday) seven days of planned, due, slipped and conflicts
//   GET /api/v1/sites/{code}/week.ics   the same week as an RFC 5545 calendar
//
// Every plan and capacity change is also written to admin_log (journey.plan, site.capacity).
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::schedule {

std::vector<api::Route> plan_routes();
std::vector<api::Route> site_schedule_routes();
std::vector<api::Route> schedule_routes();

}  // namespace cj::schedule
