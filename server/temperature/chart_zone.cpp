#include "server/temperature/chart_zone.h"

#include <algorithm>
#include <cmath>

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/temperature/evidence.h"

namespace cj::temperature {

namespace {

using workflows::TimePoint;

// The zone's offset at every quarter hour (every hour over a long span) of [$2, $3], only the
// rows where it changes. $1 the site.
constexpr db::Statement kOffsets{
    "temperature_chart_zone",
    "WITH z AS (SELECT time_zone AS name FROM sites WHERE id = $1),"
    " o AS (SELECT extract(epoch FROM t)::bigint AS at,"
    "  extract(epoch FROM (t AT TIME ZONE z.name) - (t AT TIME ZONE 'UTC'))::integer AS offset_s"
    "  FROM z, generate_series(to_timestamp($2), to_timestamp($3), $4::interval) t),"
    " c AS (SELECT at, offset_s, lag(offset_s) OVER (ORDER BY at) AS before FROM o)"
    " SELECT z.name, c.at, c.offset_s FROM z LEFT JOIN c ON c.before IS DISTINCT FROM c.offset_s ORDER BY c.at"};

// A step of 1, 2 or 5 x 10^n hours giving about `count` ticks over span_hours (at least 1 h).
double hour_step(double span_hours, int count) {
  const double raw = std::max(span_hours / count, 1e-9);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) return std::max(1.0, m * magnitude);
  }
  return std::max(1.0, 10 * magnitude);
}

}  // namespace

std::chrono::seconds ChartZone::offset_at(TimePoint t) const {
  // Before the first change known, the first offset (the span starts there).
  std::chrono::seconds offset = offsets.empty() ? std::chrono::seconds{0} : offsets.front().second;
  for (const auto& [from, value] : offsets) {
    if (from > t) break;
    offset = value;
  }
  return offset;
}

std::vector<TimeTick> time_ticks(const ChartZone& zone, TimePoint from, TimePoint to, int count) {
  std::vector<TimeTick> ticks;
  if (to <= from) return ticks;
  const long long step = static_cast<long long>(hour_step((to - from).count() / 3600.0, count)) * 3600;
  const long long local_from = (from + zone.offset_at(from)).time_since_epoch().count();
  const long long local_to = (to + zone.offset_at(to)).time_since_epoch().count();
  for (long long local = (local_from + step - 1) / step * step; local <= local_to; local += step) {
    const TimePoint wall{std::chrono::seconds{local}};
    // The instant whose wall clock reads `wall`: its offset is the one in force then.
    const TimePoint guess = wall - zone.offset_at(wall - zone.offset_at(from));
    const TimePoint at = wall - zone.offset_at(guess);
    // A wall-clock time the zone skips (02:00 on the night clocks go forward) has no instant.
    if (at + zone.offset_at(at) != wall || at < from || at > to) continue;
    const std::string text = workflows::format_time(wall);  // "2026-12-04T10:00:00Z", the wall clock
    ticks.push_back({at, text.substr(5, 5) + " " + text.substr(11, 5)});
  }
  return ticks;
}

ChartZone site_chart_zone(pqxx::transaction_base& tx, std::int64_t site_id, const JourneyEvidence& evidence) {
  bool any = false;
  TimePoint first{}, last{};
  for (const auto& s : evidence.series) {
    for (const auto& sample : s.series.samples) {
      first = any ? std::min(first, sample.at) : sample.at;
      last = any ? std::max(last, sample.at) : sample.at;
      any = true;
    }
  }
  if (!any) return {};
  last = std::max(last, first + std::chrono::hours{1});  // the chart's shortest span
  const bool long_span = last - first > std::chrono::days{90};
  ChartZone zone;
  for (const auto& row : db::exec(tx, kOffsets, site_id, first.time_since_epoch().count(),
                                  last.time_since_epoch().count(), long_span ? "1 hour" : "15 minutes")) {
    zone.name = row[0].as<std::string>();
    if (row[1].is_null()) continue;
    zone.offsets.emplace_back(TimePoint{std::chrono::seconds{row[1].as<long long>()}},
                              std::chrono::seconds{row[2].as<int>()});
  }
  return zone;
}

}  // namespace cj::temperature
