// Instants and durations as the workflows read and write them: UTC, whole seconds.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cj::workflows {

using TimePoint = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;

// "2026-11-20T10:00:00Z" (seconds optional: "2026-11-20T10:00Z"); nullopt for anything else,
// including a date or time that does not exist.
std::optional<TimePoint> parse_time(std::string_view text);
// "2026-11-20" as the first second of that day; nullopt when not a real date.
std::optional<TimePoint> parse_date(std::string_view text);
// "2026-11-20T10:00:00Z".
std::string format_time(TimePoint time);

// "30 min", "2.5 h", "14 d", "90 s" (a number, a space, a unit); nullopt otherwise or negative.
std::optional<Duration> parse_duration(std::string_view text);
// For people: "41 min", "2 h 30 min", "3 d 4 h"; rounded down to whole minutes.
std::string format_duration(Duration duration);

// Whole UTC calendar days from the date of `from` to the date of `to` (negative when earlier).
long calendar_days_between(TimePoint from, TimePoint to);

}  // namespace cj::workflows
