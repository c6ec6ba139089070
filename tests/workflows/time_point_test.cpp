// Instants and durations as definitions and events write them.
#include <gtest/gtest.h>

#include "workflows/time_point.h"

namespace cj::workflows {
namespace {

TEST(TimePoint, UtcTimeRoundTrips) {
  const auto time = parse_time("2026-11-20T10:00:00Z");
  ASSERT_TRUE(time);
  EXPECT_EQ(format_time(*time), "2026-11-20T10:00:00Z");
}

TEST(TimePoint, TimeWithoutSecondsIsAccepted) {
  EXPECT_EQ(parse_time("2026-11-20T10:00Z"), parse_time("2026-11-20T10:00:00Z"));
}

TEST(TimePoint, TimeWithoutZoneIsRefusedBecauseItWouldBeAmbiguous) {
  EXPECT_FALSE(parse_time("2026-11-20T10:00:00"));
  EXPECT_FALSE(parse_time("2026-11-20T10:00:00+01:00"));
}

TEST(TimePoint, DayThatDoesNotExistIsRefused) {
  EXPECT_FALSE(parse_time("2026-02-29T10:00:00Z"));
  EXPECT_FALSE(parse_date("2026-13-01"));
}

TEST(Duration, MinutesHoursAndDaysAreRead) {
  EXPECT_EQ(parse_duration("30 min"), Duration{1800});
  EXPECT_EQ(parse_duration("2.5 h"), Duration{9000});
  EXPECT_EQ(parse_duration("14 d"), Duration{14 * 86400});
}

TEST(Duration, UnitIsRequired) {
  EXPECT_FALSE(parse_duration("30"));
  EXPECT_FALSE(parse_duration("30 minutes"));
  EXPECT_FALSE(parse_duration("-5 min"));
}

TEST(Duration, IsShownToPeopleInWholeMinutes) {
  EXPECT_EQ(format_duration(Duration{41 * 60 + 20}), "41 min");
  EXPECT_EQ(format_duration(Duration{9000}), "2 h 30 min");
  EXPECT_EQ(format_duration(Duration{0}), "0 min");
}

TEST(CalendarDays, CountDatesNotHours) {
  EXPECT_EQ(calendar_days_between(*parse_time("2026-11-20T23:00:00Z"), *parse_time("2026-11-21T01:00:00Z")), 1);
  EXPECT_EQ(calendar_days_between(*parse_time("2026-11-20T01:00:00Z"), *parse_time("2026-11-29T23:00:00Z")), 9);
}

}  // namespace
}  // namespace cj::workflows
