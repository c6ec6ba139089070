#include "hardware/local_time.h"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <set>

namespace cj::hardware {
namespace {

std::mutex tz_mutex;

// TZ set to a zone for the lifetime of the object, the previous TZ restored after. REQUIRES
// tz_mutex held.
class ZoneSwitch {
 public:
  explicit ZoneSwitch(const std::string& zone) {
    if (const char* old = std::getenv("TZ")) previous_ = old;
    setenv("TZ", zone.c_str(), 1);
    tzset();
  }
  ~ZoneSwitch() {
    if (previous_) {
      setenv("TZ", previous_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  ZoneSwitch(const ZoneSwitch&) = delete;
  ZoneSwitch& operator=(const ZoneSwitch&) = delete;

 private:
  std::optional<std::string> previous_;
};

bool same_wall_time(const std::tm& a, const std::tm& b) {
  return a.tm_year == b.tm_year && a.tm_mon == b.tm_mon && a.tm_mday == b.tm_mday && a.tm_hour == b.tm_hour &&
         a.tm_min == b.tm_min && a.tm_sec == b.tm_sec;
}

}  // namespace

bool zone_exists(const std::string& zone) {
  // A name, not a path: "Europe/Berlin", "UTC"; never "../" or absolute (TZ would read any file).
  if (zone.empty() || zone.front() == '/' || zone.find("..") != std::string::npos) return false;
  for (const char c : zone) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  const char* dir = std::getenv("TZDIR");
  std::ifstream file(std::string(dir != nullptr ? dir : "/usr/share/zoneinfo") + "/" + zone, std::ios::binary);
  char magic[4] = {};
  return file.read(magic, 4) && std::string(magic, 4) == "TZif";
}

LocalTimeResult local_to_utc(std::chrono::local_seconds local, const std::string& zone) {
  if (!zone_exists(zone)) return {std::nullopt, "unknown time zone '" + zone + "' (give an IANA name: Europe/Berlin)"};
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{local - day};
  std::tm wanted{};
  wanted.tm_year = static_cast<int>(date.year()) - 1900;
  wanted.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
  wanted.tm_mday = static_cast<int>(static_cast<unsigned>(date.day()));
  wanted.tm_hour = static_cast<int>(time.hours().count());
  wanted.tm_min = static_cast<int>(time.minutes().count());
  wanted.tm_sec = static_cast<int>(time.seconds().count());

  std::set<std::time_t> instants;
  {
    std::lock_guard lock(tz_mutex);
    ZoneSwitch in_zone(zone);
    for (const int dst : {0, 1}) {
      std::tm attempt = wanted;
      attempt.tm_isdst = dst;
      const std::time_t t = std::mktime(&attempt);
      std::tm back{};
      if (t != static_cast<std::time_t>(-1) && localtime_r(&t, &back) != nullptr && same_wall_time(back, wanted)) {
        instants.insert(t);
      }
    }
  }
  if (instants.empty()) return {std::nullopt, "this local time does not exist in " + zone + " (clocks went forward)"};
  if (instants.size() > 1) {
    return {std::nullopt, "this local time happens twice in " + zone + " (clocks went back): give the UTC offset"};
  }
  return {std::chrono::sys_seconds{std::chrono::seconds{*instants.begin()}}, ""};
}

}  // namespace cj::hardware
