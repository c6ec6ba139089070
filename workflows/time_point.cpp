#include "workflows/time_point.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace cj::workflows {
namespace {

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<std::chrono::sys_days> date_at(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{*year}, std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date};
}

// "Z" (or "z"): 0; "+01:00": one hour ahead of UTC; "-05:30". nullopt for anything else.
std::optional<std::chrono::minutes> zone_offset(std::string_view zone) {
  if (zone == "Z" || zone == "z") return std::chrono::minutes{0};
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
  const auto hours = digits(zone, 1, 2), minutes = digits(zone, 4, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  const std::chrono::minutes offset = std::chrono::hours{*hours} + std::chrono::minutes{*minutes};
  return zone[0] == '-' ? -offset : offset;
}

}  // namespace

std::optional<TimePoint> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  const auto day = date_at(text);
  if (!day) return std::nullopt;
  return TimePoint{*day};
}

std::optional<TimePoint> parse_time(std::string_view text) {
  // date 'T' hh ':' mm [':' ss ['.' digit+]] zone, zone = 'Z' | ('+' | '-') hh ':' mm
  if (text.size() < 17 || (text[10] != 'T' && text[10] != 't') || text[13] != ':') return std::nullopt;
  const auto day = date_at(text);
  const auto hour = digits(text, 11, 2), minute = digits(text, 14, 2);
  if (!day || !hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
  std::size_t at = 16;
  int second = 0;
  if (text[at] == ':') {
    const auto s = digits(text, at + 1, 2);
    if (!s || *s > 59) return std::nullopt;
    second = *s;
    at += 3;
    if (at < text.size() && text[at] == '.') {  // the fraction: read, checked, dropped (floor)
      const std::size_t first = ++at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
      if (at == first) return std::nullopt;
    }
  }
  const auto offset = zone_offset(text.substr(at));
  if (!offset) return std::nullopt;
  return TimePoint{*day} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} + std::chrono::seconds{second} -
         *offset;
}

std::string format_time(TimePoint time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

std::optional<Duration> parse_duration(std::string_view text) {
  const auto space = text.find(' ');
  if (space == std::string_view::npos || space == 0) return std::nullopt;
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + space, number);
  if (error != std::errc{} || end != text.data() + space || !(number >= 0)) return std::nullopt;
  const std::string_view unit = text.substr(space + 1);
  double seconds_per_unit = 0;
  if (unit == "s") seconds_per_unit = 1;
  else if (unit == "min") seconds_per_unit = 60;
  else if (unit == "h") seconds_per_unit = 3600;
  else if (unit == "d") seconds_per_unit = 86400;
  else return std::nullopt;
  return Duration{static_cast<long long>(std::llround(number * seconds_per_unit))};
}

std::string format_duration(Duration duration) {
  const bool negative = duration.count() < 0;
  long long minutes = (negative ? -duration.count() : duration.count()) / 60;
  const long long days = minutes / 1440;
  const long long hours = minutes % 1440 / 60;
  minutes %= 60;
  std::string text;
  const auto add = [&text](long long value, const char* unit) {
    if (!text.empty()) text += ' ';
    text += std::to_string(value) + ' ' + unit;
  };
  if (days > 0) add(days, "d");
  if (hours > 0) add(hours, "h");
  if (minutes > 0 || text.empty()) add(minutes, "min");
  return negative ? "-" + text : text;
}

long calendar_days_between(TimePoint from, TimePoint to) {
  return static_cast<long>(
      (std::chrono::floor<std::chrono::days>(to) - std::chrono::floor<std::chrono::days>(from)).count());
}

}  // namespace cj::workflows
