// Dates and times in ISBT 128: Julian cyyjjj[hhmm] (004-009) and Gregorian yyyymmdd[hhmm]
// (024, 031, 038), yyyymm (026); decoded to ISO 8601 text, built from calendar values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "isbt128/error.h"
#include "isbt128/result.h"
#include "isbt128/structure.h"
#include "isbt128/structure_table.h"

namespace cj::isbt128 {

struct CalendarDate {
  int year = 2000;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  bool operator==(const CalendarDate&) const = default;
};

struct CalendarDateTime {
  CalendarDate date;
  int hour = 23;  // 0-23; ISBT 128 encodes an unspecified time as 23:59 (ST-001 §2.4.5)
  int minute = 59;
  bool operator==(const CalendarDateTime&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);   // REQUIRES 1 <= month <= 12
bool is_valid(const CalendarDate& date);  // year 1-9999, real month and day
bool is_valid(const CalendarDateTime& date_time);

// Day of the year, 1-366. REQUIRES is_valid(date).
int day_of_year(const CalendarDate& date);
// The date of day `day` (1-366) of `year`; nullopt when the year has no such day.
std::optional<CalendarDate> date_from_day_of_year(int year, int day);

std::string to_iso(const CalendarDate& date);           // "2026-11-20"
std::string to_iso(const CalendarDateTime& date_time);  // "2026-11-20T10:15"

// Decodes one date field of `kind` (not Text or Integer) from `digits`, all digits already
// checked. `offset` is where digits[0] sits in the parsed text; `structure_name` goes in the
// message. Errors: UNSUPPORTED_CENTURY (century digit other than 0), INVALID_DATE.
Result<std::string> decode_date_field(FieldKind kind, std::string_view digits, std::size_t offset,
                                      std::string_view structure_name);

// Builders for labels. Julian structures hold years 2000-2099 only (century digit 0): other
// years give UNSUPPORTED_CENTURY; a date or time that does not exist gives INVALID_DATE.
// REQUIRES number is "004", "006" or "008" (date) / "005", "007" or "009" (date and time);
// otherwise throws std::invalid_argument.
Result<Structure> make_julian_date(std::string_view number, const CalendarDate& date);
Result<Structure> make_julian_date_time(std::string_view number, const CalendarDateTime& date_time);

// Flexible Date and Time [031]: what the date means (ST-001 Tables 24/25) and its clock.
enum class FlexibleDateType {
  Expiration = 1,
  Collection = 2,
  Production = 3,
  CrossClamp = 4,
  Preservation = 5,
  DonorDeath = 6
};
enum class TimeReference { Local = 1, Utc = 2 };
Result<Structure> make_flexible_date_time(FlexibleDateType type, TimeReference reference,
                                          const CalendarDateTime& date_time);

// Patient Date of Birth [024]; `location_code` is a 2-character RT018 code.
Result<Structure> make_patient_date_of_birth(std::string_view location_code, const CalendarDate& date);

}  // namespace cj::isbt128
