// Dates and times: century digit, day of year against leap years, hours and minutes, Gregorian dates.
#include "isbt128/dates.h"

#include <gtest/gtest.h>

#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::parse_error;
using testing::parse_one;

TEST(JulianDate, CenturyDigit0MeansThe2000s) { EXPECT_EQ(text_field(parse_one("=>019031"), "date"), "2019-01-31"); }

TEST(JulianDate, CenturyDigit1IsUnsupportedCenturyNotAGuess) {
  const Error error = parse_error("=>119031");
  EXPECT_EQ(error.code, ErrorCode::UnsupportedCentury);
  EXPECT_EQ(error.code_name(), "UNSUPPORTED_CENTURY");
  EXPECT_EQ(error.position, 2u);
}

TEST(JulianDate, CenturyDigit9InADateTimeIsUnsupportedCentury) {
  EXPECT_EQ(parse_error("&>9183652359").code, ErrorCode::UnsupportedCentury);
}

TEST(JulianDate, Day366InANonLeapYearIsInvalidDate) {
  const Error error = parse_error("=>026366");
  EXPECT_EQ(error.code, ErrorCode::InvalidDate);
  EXPECT_EQ(error.code_name(), "INVALID_DATE");
  EXPECT_EQ(error.position, 5u);
  EXPECT_NE(error.message.find("not a leap year"), std::string::npos) << error.message;
}

TEST(JulianDate, Day366InALeapYearIsTheLastDay) { EXPECT_EQ(text_field(parse_one("=>028366"), "date"), "2028-12-31"); }

TEST(JulianDate, Day000IsInvalidDate) { EXPECT_EQ(parse_error("=>026000").code, ErrorCode::InvalidDate); }

TEST(JulianDate, Day367IsInvalidDate) { EXPECT_EQ(parse_error("=>028367").code, ErrorCode::InvalidDate); }

TEST(JulianDate, Year2000IsALeapYear) { EXPECT_EQ(text_field(parse_one("=*000060"), "date"), "2000-02-29"); }

TEST(JulianDateTime, Hour24IsInvalidDate) {
  const Error error = parse_error("&>0263242400");
  EXPECT_EQ(error.code, ErrorCode::InvalidDate);
  EXPECT_EQ(error.position, 8u);
}

TEST(JulianDateTime, Minute60IsInvalidDate) {
  const Error error = parse_error("&>0263242360");
  EXPECT_EQ(error.code, ErrorCode::InvalidDate);
  EXPECT_EQ(error.position, 10u);
}

TEST(JulianDateTime, MidnightIs0000) {
  EXPECT_EQ(text_field(parse_one("&*0263240000"), "date_time"), "2026-11-20T00:00");
}

TEST(GregorianDate, DateOfBirthIsValidated) {
  EXPECT_EQ(parse_error("=#AB19700230").code, ErrorCode::InvalidDate);
  EXPECT_EQ(parse_error("=#AB19701301").position, 8u);
  EXPECT_EQ(parse_error("=#AB00000101").code, ErrorCode::InvalidDate);
}

TEST(GregorianDate, February29OnlyInLeapYears) {
  EXPECT_TRUE(parse("=#AB20000229").ok());
  EXPECT_EQ(parse_error("=#AB19000229").code, ErrorCode::InvalidDate);
}

TEST(GregorianDate, ExpirationMonthIsValidated) {
  EXPECT_EQ(parse_error("=]202600").code, ErrorCode::InvalidDate);
  EXPECT_EQ(parse_error("=]202613").code, ErrorCode::InvalidDate);
}

TEST(GregorianDate, FlexibleDateTimeIsValidated) {
  EXPECT_EQ(parse_error("=(2001202602291015").code, ErrorCode::InvalidDate);
  EXPECT_EQ(parse_error("=(2001202611202415").position, 14u);
}

TEST(GregorianDate, SecExpiryIsValidated) {
  EXPECT_EQ(parse_error("&,4BE000000A999926123456A00T041600120261232").code, ErrorCode::InvalidDate);
}

TEST(Calendar, LeapYears) {
  EXPECT_TRUE(is_leap_year(2028));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_FALSE(is_leap_year(2026));
}

TEST(Calendar, DayOfYearRoundTrips) {
  for (int day = 1; day <= 366; ++day) {
    const auto date = date_from_day_of_year(2028, day);
    ASSERT_TRUE(date.has_value());
    EXPECT_EQ(day_of_year(*date), day);
  }
  EXPECT_FALSE(date_from_day_of_year(2026, 366).has_value());
}

TEST(Calendar, IsoText) {
  EXPECT_EQ(to_iso(CalendarDate{2026, 11, 20}), "2026-11-20");
  EXPECT_EQ(to_iso(CalendarDateTime{{2026, 11, 20}, 10, 15}), "2026-11-20T10:15");
}

TEST(MakeDate, JulianDateFromACalendarDate) {
  Result<Structure> date = make_julian_date("004", CalendarDate{2019, 1, 31});
  ASSERT_TRUE(date.ok()) << date.error().message;
  EXPECT_EQ(format(date.value()), "=>019031");
}

TEST(MakeDate, JulianDateTimeFromACalendarDateTime) {
  Result<Structure> date_time = make_julian_date_time("005", CalendarDateTime{{2018, 12, 31}, 23, 59});
  ASSERT_TRUE(date_time.ok()) << date_time.error().message;
  EXPECT_EQ(format(date_time.value()), "&>0183652359");
  EXPECT_EQ(text_field(date_time.value(), "date_time"), "2018-12-31T23:59");
}

TEST(MakeDate, CollectionAndProductionDates) {
  EXPECT_EQ(format(make_julian_date("006", {2026, 11, 20}).value()), "=*026324");
  EXPECT_EQ(format(make_julian_date_time("007", {{2026, 11, 20}, 10, 15}).value()), "&*0263241015");
  EXPECT_EQ(format(make_julian_date("008", {2026, 1, 1}).value()), "=}026001");
  EXPECT_EQ(format(make_julian_date_time("009", {{2026, 1, 1}, 0, 0}).value()), "&}0260010000");
}

TEST(MakeDate, YearOutsideThe2000sIsUnsupportedCentury) {
  EXPECT_EQ(make_julian_date("004", {2100, 1, 1}).error().code, ErrorCode::UnsupportedCentury);
  EXPECT_EQ(make_julian_date_time("005", {{1999, 12, 31}, 0, 0}).error().code, ErrorCode::UnsupportedCentury);
}

TEST(MakeDate, ImpossibleDateIsInvalidDate) {
  EXPECT_EQ(make_julian_date("004", {2026, 2, 29}).error().code, ErrorCode::InvalidDate);
  EXPECT_EQ(make_julian_date_time("005", {{2026, 2, 28}, 24, 0}).error().code, ErrorCode::InvalidDate);
}

TEST(MakeDate, WrongStructureNumberIsAProgrammingError) {
  EXPECT_THROW((void)make_julian_date("005", {2026, 1, 1}), std::invalid_argument);
  EXPECT_THROW((void)make_julian_date_time("004", {{2026, 1, 1}, 0, 0}), std::invalid_argument);
}

TEST(MakeDate, FlexibleDateTime) {
  Result<Structure> date =
      make_flexible_date_time(FlexibleDateType::Expiration, TimeReference::Utc, {{2026, 11, 20}, 10, 15});
  ASSERT_TRUE(date.ok()) << date.error().message;
  EXPECT_EQ(format(date.value()), "=(2001202611201015");
}

TEST(MakeDate, PatientDateOfBirth) {
  EXPECT_EQ(format(make_patient_date_of_birth("AB", {1970, 1, 1}).value()), "=#AB19700101");
}

}  // namespace
}  // namespace cj::isbt128
