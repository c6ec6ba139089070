#include "isbt128/dates.h"

#include <stdexcept>

#include "isbt128/build.h"
#include "isbt128/digits.h"
#include "isbt128/structure_numbers.h"
#include "isbt128/text.h"

namespace cj::isbt128 {
namespace {

constexpr int kDaysBeforeMonth[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

Error date_error(std::size_t position, std::string_view structure_name, const std::string& problem) {
  return Error{ErrorCode::InvalidDate, Text() + "The " + structure_name + " has " + problem + ". " + kRescanAdvice,
               position};
}

std::optional<Error> check_time(std::string_view hhmm, std::size_t offset, std::string_view structure_name, int& hour,
                                int& minute) {
  hour = static_cast<int>(digits_value(hhmm.substr(0, 2)));
  minute = static_cast<int>(digits_value(hhmm.substr(2, 2)));
  if (hour > 23) {
    return date_error(offset, structure_name, Text() + "hour " + hhmm.substr(0, 2) + ": hours run 00-23");
  }
  if (minute > 59) {
    return date_error(offset + 2, structure_name, Text() + "minute " + hhmm.substr(2, 2) + ": minutes run 00-59");
  }
  return std::nullopt;
}

Result<CalendarDate> decode_julian(std::string_view cyyjjj, std::size_t offset, std::string_view structure_name) {
  if (cyyjjj[0] != '0') {
    return Error{ErrorCode::UnsupportedCentury,
                 Text() + "The " + structure_name + " has century digit '" + cyyjjj[0] +
                     "': CellJourney reads only dates in 2000-2099 (century digit 0), because the standard "
                     "does not say which century other digits mean. Do not use this date; read the label by "
                     "eye and ask QA.",
                 offset};
  }
  const int year = 2000 + static_cast<int>(digits_value(cyyjjj.substr(1, 2)));
  const int day = static_cast<int>(digits_value(cyyjjj.substr(3, 3)));
  const std::optional<CalendarDate> date = date_from_day_of_year(year, day);
  if (!date) {
    std::string problem = Text() + "day " + cyyjjj.substr(3, 3) + " of " + year;
    if (day == 366) {
      problem += ", which is not a leap year";
    } else {
      problem += ": days of the year run 001-365 (366 in leap years)";
    }
    return date_error(offset + 3, structure_name, problem);
  }
  return *date;
}

Result<CalendarDate> decode_gregorian(std::string_view yyyymmdd, std::size_t offset, std::string_view structure_name,
                                      bool has_day) {
  const int year = static_cast<int>(digits_value(yyyymmdd.substr(0, 4)));
  const int month = static_cast<int>(digits_value(yyyymmdd.substr(4, 2)));
  if (year == 0) return date_error(offset, structure_name, "year 0000");
  if (month < 1 || month > 12) {
    return date_error(offset + 4, structure_name, Text() + "month " + yyyymmdd.substr(4, 2) + ": months run 01-12");
  }
  if (!has_day) return CalendarDate{year, month, 1};
  const int day = static_cast<int>(digits_value(yyyymmdd.substr(6, 2)));
  if (day < 1 || day > days_in_month(year, month)) {
    return date_error(offset + 6, structure_name,
                      Text() + "day " + yyyymmdd.substr(6, 2) + " in " + yyyymmdd.substr(0, 4) + "-" +
                          yyyymmdd.substr(4, 2) + ", a date that does not exist");
  }
  return CalendarDate{year, month, day};
}

std::string four_digits(int value) { return zero_padded(value, 4); }

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

bool is_valid(const CalendarDate& date) {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

bool is_valid(const CalendarDateTime& date_time) {
  return is_valid(date_time.date) && date_time.hour >= 0 && date_time.hour <= 23 && date_time.minute >= 0 &&
         date_time.minute <= 59;
}

int day_of_year(const CalendarDate& date) {
  int day = kDaysBeforeMonth[date.month - 1] + date.day;
  if (date.month > 2 && is_leap_year(date.year)) ++day;
  return day;
}

std::optional<CalendarDate> date_from_day_of_year(int year, int day) {
  if (day < 1 || day > (is_leap_year(year) ? 366 : 365)) return std::nullopt;
  int month = 1;
  while (day > days_in_month(year, month)) {
    day -= days_in_month(year, month);
    ++month;
  }
  return CalendarDate{year, month, day};
}

std::string to_iso(const CalendarDate& date) {
  std::string text = four_digits(date.year);
  text += '-';
  append_two_digits(text, date.month);
  text += '-';
  append_two_digits(text, date.day);
  return text;
}

std::string to_iso(const CalendarDateTime& date_time) {
  std::string text = to_iso(date_time.date);
  text += 'T';
  append_two_digits(text, date_time.hour);
  text += ':';
  append_two_digits(text, date_time.minute);
  return text;
}

Result<std::string> decode_date_field(FieldKind kind, std::string_view digits, std::size_t offset,
                                      std::string_view structure_name) {
  int hour = 0;
  int minute = 0;
  switch (kind) {
    case FieldKind::JulianDate:
    case FieldKind::JulianDateTime: {
      Result<CalendarDate> date = decode_julian(digits.substr(0, 6), offset, structure_name);
      if (!date) return date.error();
      if (kind == FieldKind::JulianDate) return to_iso(date.value());
      if (auto error = check_time(digits.substr(6, 4), offset + 6, structure_name, hour, minute)) return *error;
      return to_iso(CalendarDateTime{date.value(), hour, minute});
    }
    case FieldKind::GregorianMonth: {
      Result<CalendarDate> date = decode_gregorian(digits, offset, structure_name, false);
      if (!date) return date.error();
      return std::string(digits.substr(0, 4)) + '-' + std::string(digits.substr(4, 2));
    }
    case FieldKind::GregorianDate:
    case FieldKind::GregorianDateTime: {
      Result<CalendarDate> date = decode_gregorian(digits, offset, structure_name, true);
      if (!date) return date.error();
      if (kind == FieldKind::GregorianDate) return to_iso(date.value());
      if (auto error = check_time(digits.substr(8, 4), offset + 8, structure_name, hour, minute)) return *error;
      return to_iso(CalendarDateTime{date.value(), hour, minute});
    }
    case FieldKind::Text:
    case FieldKind::Integer:
      break;
  }
  throw std::invalid_argument("decode_date_field: not a date kind");
}

Result<Structure> make_julian_date(std::string_view number, const CalendarDate& date) {
  if (number != numbers::kExpirationDate && number != numbers::kCollectionDate && number != numbers::kProductionDate) {
    throw std::invalid_argument(Text() + "make_julian_date: not a Julian date structure: " + number);
  }
  if (!is_valid(date)) return Error{ErrorCode::InvalidDate, "The date does not exist.", 0};
  std::string content = date.year >= 2000 && date.year <= 2099 ? "0" : "?";
  append_two_digits(content, date.year % 100);
  content += zero_padded(day_of_year(date), 3);
  if (content[0] == '?') {
    return Error{ErrorCode::UnsupportedCentury,
                 "Only years 2000-2099 can be written as ISBT 128 Julian dates (century digit 0).", 0};
  }
  return make_structure(number, content);
}

Result<Structure> make_julian_date_time(std::string_view number, const CalendarDateTime& date_time) {
  if (number != numbers::kExpirationDateAndTime && number != numbers::kCollectionDateAndTime &&
      number != numbers::kProductionDateAndTime) {
    throw std::invalid_argument(Text() + "make_julian_date_time: not a Julian date-time structure: " + number);
  }
  if (!is_valid(date_time)) return Error{ErrorCode::InvalidDate, "The date or time does not exist.", 0};
  if (date_time.date.year < 2000 || date_time.date.year > 2099) {
    return Error{ErrorCode::UnsupportedCentury,
                 "Only years 2000-2099 can be written as ISBT 128 Julian dates (century digit 0).", 0};
  }
  std::string content = "0";
  append_two_digits(content, date_time.date.year % 100);
  content += zero_padded(day_of_year(date_time.date), 3);
  append_two_digits(content, date_time.hour);
  append_two_digits(content, date_time.minute);
  return make_structure(number, content);
}

Result<Structure> make_flexible_date_time(FlexibleDateType type, TimeReference reference,
                                          const CalendarDateTime& date_time) {
  if (!is_valid(date_time)) return Error{ErrorCode::InvalidDate, "The date or time does not exist.", 0};
  std::string content;
  content += static_cast<char>('0' + static_cast<int>(reference));
  content += '0';
  append_two_digits(content, static_cast<int>(type));
  content += four_digits(date_time.date.year);
  append_two_digits(content, date_time.date.month);
  append_two_digits(content, date_time.date.day);
  append_two_digits(content, date_time.hour);
  append_two_digits(content, date_time.minute);
  return make_structure(numbers::kFlexibleDateAndTime, content);
}

Result<Structure> make_patient_date_of_birth(std::string_view location_code, const CalendarDate& date) {
  if (!is_valid(date)) return Error{ErrorCode::InvalidDate, "The date of birth does not exist.", 0};
  std::string content(location_code);
  content += four_digits(date.year);
  append_two_digits(content, date.month);
  append_two_digits(content, date.day);
  return make_structure(numbers::kPatientDateOfBirth, content);
}

}  // namespace cj::isbt128
