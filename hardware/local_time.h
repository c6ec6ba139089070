// Local wall times in an IANA time zone ("Europe/Berlin") to UTC, for logger files written in
// local time.
//
// g++ 12's libstdc++ has no std::chrono::tzdb / zoned_time (they came with GCC 14), so this
// uses POSIX: TZ set to the zone, tzset(), mktime() with tm_isdst tried both ways (to find
// times that happen twice when the clocks go back, and times that never happen when they go
// forward), then TZ restored, all under one process-wide mutex. Only this file changes TZ; a
// log line written by another thread in that instant could show the zone's local time.
//
// Thread-safe (the TZ switch is serialised).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace cj::hardware {

struct LocalTimeResult {
  std::optional<std::chrono::sys_seconds> at;  // set when the local time names one instant
  std::string problem;                          // why not, for people
};

/// The UTC instant of `local` in `zone`: nothing, and why, when the zone is unknown, or the
/// local time does not exist or is ambiguous there.
LocalTimeResult local_to_utc(std::chrono::local_seconds local, const std::string& zone);

/// True when the zone database (TZDIR, else /usr/share/zoneinfo) has the zone.
bool zone_exists(const std::string& zone);

}  // namespace cj::hardware
