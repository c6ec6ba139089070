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
  EXPECT_FALSE(parse_time("2026-11-20T10:00"));
}

TEST(TimePoint, BrowserTimeWithMillisecondsIsAccepted) {
  // new Date().toISOString() in every browser.
  EXPECT_EQ(parse_time("2026-11-20T10:00:00.123Z"), parse_time("2026-11-20T10:00:00Z"));
}

TEST(TimePoint, FractionOfASecondIsTruncatedNeverRoundedUp) {
  EXPECT_EQ(format_time(*parse_time("2026-11-20T23:59:59.999999999Z")), "2026-11-20T23:59:59Z");
}

TEST(TimePoint, NumericOffsetIsConvertedToUtc) {
  EXPECT_EQ(format_time(*parse_time("2026-11-20T11:00:00+01:00")), "2026-11-20T10:00:00Z");
}

struct Accepted {
  const char* text;
  const char* utc;  // format_time() of it
};

// RFC 3339 §5.6 date-time, seconds optional (without a fraction then), converted to UTC and
// truncated to the second.
class TimePointAccepts : public ::testing::TestWithParam<Accepted> {};

TEST_P(TimePointAccepts, Rfc3339TimeIsReadAsThisUtcSecond) {
  const auto time = parse_time(GetParam().text);
  ASSERT_TRUE(time) << GetParam().text;
  EXPECT_EQ(format_time(*time), GetParam().utc) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Forms, TimePointAccepts,
                         ::testing::Values(Accepted{"2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T10:00Z", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T10:00:00.5Z", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T10:00:00.123Z", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T10:00:07.999Z", "2026-11-20T10:00:07Z"},
                                           Accepted{"2026-11-20T10:00:00.123456Z", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T10:00:00.123456789Z", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T10:00:00.1234567890123Z", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T11:00:00+01:00", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T04:30:00-05:30", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T10:00:00+00:00", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T10:00:00-00:00", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T11:00:00.250+01:00", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20T11:00+01:00", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-21T00:30:00+01:00", "2026-11-20T23:30:00Z"},
                                           Accepted{"2026-11-20T23:30:00-01:00", "2026-11-21T00:30:00Z"},
                                           Accepted{"2026-11-20T23:59:00+23:59", "2026-11-20T00:00:00Z"},
                                           Accepted{"2026-11-20t10:00:00z", "2026-11-20T10:00:00Z"},
                                           Accepted{"2026-11-20t10:00:00.123z", "2026-11-20T10:00:00Z"}));

class TimePointRefuses : public ::testing::TestWithParam<const char*> {};

TEST_P(TimePointRefuses, MalformedTimeIsRefused) { EXPECT_FALSE(parse_time(GetParam())) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(Malformed, TimePointRefuses,
                         ::testing::Values("", "2026-11-20",
                                           "2026-11-20T10:00:00.Z",         // empty fraction
                                           "2026-11-20T10:00.5Z",           // fraction without seconds
                                           "2026-11-20T10:00:00,5Z",        // comma is not RFC 3339
                                           "2026-11-20T10:00:00.5",         // fraction, no zone
                                           "2026-11-20T10:00:00.12a3Z",     // not a digit in the fraction
                                           "2026-11-20T10:00:00+24:00",     // offset hour out of range
                                           "2026-11-20T10:00:00+01:60",     // offset minute out of range
                                           "2026-11-20T10:00:00+1:00",      // one-digit offset hour
                                           "2026-11-20T10:00:00+0100",      // offset without colon
                                           "2026-11-20T10:00:00+01",        // offset without minutes
                                           "2026-11-20T10:00:00+01:00Z",    // two zones
                                           "2026-11-20T10:00:00Z ",         // trailing space
                                           "2026-11-20T10:00:00Zjunk",      // trailing garbage
                                           "2026-11-20T10:00:00.123Zjunk",  // trailing garbage after a fraction
                                           " 2026-11-20T10:00:00Z",         // leading space
                                           "2026-11-20 10:00:00Z",          // space instead of T
                                           "2026-11-20T10:00:60Z",          // leap second
                                           "2026-11-20T24:00:00Z",          // hour 24
                                           "2026-11-20T10:60:00Z",          // minute 60
                                           "2026-11-20T1:00:00Z",           // one-digit hour
                                           "2026-11-20T10:00:0Z",           // one-digit second
                                           "2026-11-31T10:00:00Z",          // 31 November
                                           "26-11-20T10:00:00Z"));          // two-digit year

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
