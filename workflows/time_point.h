// Instants and durations as the workflows read and write them: UTC, whole seconds.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cj::workflows {

using TimePoint = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;

// An RFC 3339 date-time, as browsers (`new Date().toISOString()`) and other systems send it:
//   "2026-11-20T10:00:00Z", "2026-11-20T10:00:00.123Z", "2026-11-20T10:00:00.123456789Z",
//   "2026-11-20T11:00:00+01:00", "2026-11-20T04:30:00-05:30", "2026-11-20t10:00:00z";
// seconds may be left out ("2026-11-20T10:00Z", then without a fraction). A numeric offset is
// converted to UTC ("+01:00" is one hour ahead of UTC, so 11:00+01:00 is 10:00Z). The engine
// works in whole seconds: a fraction of a second is truncated (floor), never rounded up, so
// "10:00:59.999Z" is 10:00:59Z. nullopt for anything else: no zone (ambiguous), a date or time
// that does not exist (30 February, hour 24, second 60: leap seconds are refused), an empty
// fraction ("10:00:00.Z"), a fraction without seconds, an offset not of the form +hh:mm with
// hh 00-23 and mm 00-59 ("+24:00", "+1:00", "+0100"), a space instead of the T, or anything
// after the zone.
std::optional<TimePoint> parse_time(std::string_view text);
// "2026-11-20" as the first second of that day; nullopt when not a real date.
std::optional<TimePoint> parse_date(std::string_view text);
// "2026-11-20T10:00:00Z": always UTC, whole seconds.
std::string format_time(TimePoint time);

// "30 min", "2.5 h", "14 d", "90 s" (a number, a space, a unit); nullopt otherwise or negative.
std::optional<Duration> parse_duration(std::string_view text);
// For people: "41 min", "2 h 30 min", "3 d 4 h"; rounded down to whole minutes.
std::string format_duration(Duration duration);

// Whole UTC calendar days from the date of `from` to the date of `to` (negative when earlier).
long calendar_days_between(TimePoint from, TimePoint to);

}  // namespace cj::workflows
