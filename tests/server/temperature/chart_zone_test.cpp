// The temperature curve's time axis in the site's zone (server/temperature/chart_zone.h): ticks
// on the zone's own whole hours, labelled with its wall clock, across a change of its offset.
#include "server/temperature/chart_zone.h"

#include <gtest/gtest.h>

namespace cj::temperature {
namespace {

using namespace std::chrono;
using workflows::TimePoint;

TimePoint at(const char* utc) { return *workflows::parse_time(utc); }

std::vector<std::string> labels(const std::vector<TimeTick>& ticks) {
  std::vector<std::string> out;
  for (const auto& t : ticks) out.push_back(t.label);
  return out;
}

TEST(ChartZoneTest, WithoutOffsetsTheAxisIsUtcOnWholeHours) {
  const auto ticks = time_ticks(ChartZone{}, at("2026-12-04T08:20:00Z"), at("2026-12-04T14:00:00Z"), 6);
  EXPECT_EQ(labels(ticks), (std::vector<std::string>{"12-04 09:00", "12-04 10:00", "12-04 11:00", "12-04 12:00",
                                                     "12-04 13:00", "12-04 14:00"}));
  EXPECT_EQ(ticks.front().at, at("2026-12-04T09:00:00Z"));
}

TEST(ChartZoneTest, ATickIsLabelledWithTheSiteWallClockAtThatInstant) {
  const ChartZone zurich{"Europe/Zurich", {{at("2026-12-01T00:00:00Z"), hours{1}}}};
  const auto ticks = time_ticks(zurich, at("2026-12-04T08:30:00Z"), at("2026-12-04T10:00:00Z"), 6);
  ASSERT_EQ(ticks.size(), 2u);
  EXPECT_EQ(ticks[0].at, at("2026-12-04T09:00:00Z"));
  EXPECT_EQ(ticks[0].label, "12-04 10:00");
  EXPECT_EQ(ticks[1].label, "12-04 11:00");
}

TEST(ChartZoneTest, AZoneHalfAnHourOffUtcGetsItsTicksOnItsOwnWholeHours) {
  const ChartZone kolkata{"Asia/Kolkata", {{at("2026-12-01T00:00:00Z"), minutes{330}}}};
  const auto ticks = time_ticks(kolkata, at("2026-12-04T03:00:00Z"), at("2026-12-04T05:00:00Z"), 6);
  ASSERT_EQ(ticks.size(), 2u);
  EXPECT_EQ(ticks[0].at, at("2026-12-04T03:30:00Z"));  // 09:00 in Kolkata
  EXPECT_EQ(ticks[0].label, "12-04 09:00");
  EXPECT_EQ(ticks[1].label, "12-04 10:00");
}

TEST(ChartZoneTest, AcrossTheSpringChangeTheWallClockSkipsTheHourThatDoesNotExist) {
  // Zurich, 29 March 2026: 02:00 local (01:00Z) becomes 03:00.
  const ChartZone zurich{"Europe/Zurich",
                         {{at("2026-03-28T00:00:00Z"), hours{1}}, {at("2026-03-29T01:00:00Z"), hours{2}}}};
  const auto ticks = time_ticks(zurich, at("2026-03-28T23:30:00Z"), at("2026-03-29T02:30:00Z"), 6);
  EXPECT_EQ(labels(ticks), (std::vector<std::string>{"03-29 01:00", "03-29 03:00", "03-29 04:00"}));
  EXPECT_EQ(ticks[1].at, at("2026-03-29T01:00:00Z"));
  EXPECT_EQ(ticks[2].at, at("2026-03-29T02:00:00Z"));
}

TEST(ChartZoneTest, AnOffsetAppliesFromItsInstantOnAndTheFirstBeforeIt) {
  const ChartZone zone{"X", {{at("2026-03-29T01:00:00Z"), hours{2}}, {at("2026-10-25T01:00:00Z"), hours{1}}}};
  EXPECT_EQ(zone.offset_at(at("2026-01-01T00:00:00Z")), hours{2});
  EXPECT_EQ(zone.offset_at(at("2026-10-25T00:59:59Z")), hours{2});
  EXPECT_EQ(zone.offset_at(at("2026-10-25T01:00:00Z")), hours{1});
}

}  // namespace
}  // namespace cj::temperature
