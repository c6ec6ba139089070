// Local wall times in an IANA time zone ("Europe/Berlin") to UTC, for logger files written in
// local time.
//
// g++ 12's libstdc++ has no std::chrono::tzdb / zoned_time (they came with GCC 14), so this uses
// Howard Hinnant's date/tz library (Debian's libhowardhinnant-date-dev, the library C++20's
// <chrono> time zones were standardised from) reading the system's zone files. It never touches
// the process's TZ: switching TZ in a threaded server races with every other thread's
// localtime_r()/getenv().
//
// Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace cj::hardware {

struct LocalTimeResult {
  std::optional<std::chrono::sys_seconds> at;  // set when the local time names one instant
  std::string problem;                         // why not, for people
};

/// The UTC instant of `local` in `zone`: nothing, and why, when the zone is unknown, or the
/// local time does not exist or is ambiguous there.
LocalTimeResult local_to_utc(std::chrono::local_seconds local, const std::string& zone);

/// True when `zone` is an IANA zone name the system's zone database has.
bool zone_exists(const std::string& zone);

}  // namespace cj::hardware
