// The time zone a chart's time axis is drawn in: the site's (sites.time_zone, as everywhere the
// pages show its times), as its offsets from UTC over the chart's span. PostgreSQL's zone data
// gives the offsets: GCC 12's <chrono> has no time zone database, and the server must not
// change the process's TZ to ask the C library.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "workflows/time_point.h"

namespace pqxx {
class transaction_base;
}

namespace cj::temperature {

struct JourneyEvidence;

struct ChartZone {
  std::string name = "UTC";
  /// From each instant on, the zone's offset east of UTC; oldest first (before the first, the
  /// first's). Empty: UTC.
  std::vector<std::pair<workflows::TimePoint, std::chrono::seconds>> offsets;

  std::chrono::seconds offset_at(workflows::TimePoint t) const;
};

/// One labelled tick of a time axis: the instant, and its wall-clock time in the zone ("12-04 10:00").
struct TimeTick {
  workflows::TimePoint at;
  std::string label;
};

/// Ticks on whole hours (1, 2, 5, 10, 20, 50 ... h apart, about `count` of them) of the zone's wall
/// clock over [from, to]: a zone half an hour off UTC gets its ticks on its own whole hours.
std::vector<TimeTick> time_ticks(const ChartZone& zone, workflows::TimePoint from, workflows::TimePoint to, int count);

/// The zone of site_id over the span of the evidence's readings (its offset changes found to the
/// quarter hour, which is where zones change).
ChartZone site_chart_zone(pqxx::transaction_base& tx, std::int64_t site_id, const JourneyEvidence& evidence);

}  // namespace cj::temperature
