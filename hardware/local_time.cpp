#include "hardware/local_time.h"

#include <date/tz.h>

namespace cj::hardware {
namespace {

// A name, not a path: "Europe/Berlin", "UTC"; never "../" or absolute.
bool looks_like_zone_name(const std::string& zone) {
  if (zone.empty() || zone.size() > 64 || zone.front() == '/' || zone.find("..") != std::string::npos) return false;
  for (const char c : zone) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

const date::time_zone* find_zone(const std::string& zone) {
  if (!looks_like_zone_name(zone)) return nullptr;
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {  // unknown name, or no zone database on the machine
    return nullptr;
  }
}

}  // namespace

bool zone_exists(const std::string& zone) { return find_zone(zone) != nullptr; }

LocalTimeResult local_to_utc(std::chrono::local_seconds local, const std::string& zone) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr) return {std::nullopt, "unknown time zone '" + zone + "' (give an IANA name: Europe/Berlin)"};
  const date::local_seconds wall{local.time_since_epoch()};
  const date::local_info info = tz->get_info(wall);
  switch (info.result) {
    case date::local_info::unique:
      return {std::chrono::sys_seconds{wall.time_since_epoch() - info.first.offset}, ""};
    case date::local_info::nonexistent:
      return {std::nullopt, "this local time does not exist in " + zone + " (clocks went forward)"};
    case date::local_info::ambiguous:
      break;
  }
  return {std::nullopt, "this local time happens twice in " + zone + " (clocks went back): give the UTC offset"};
}

}  // namespace cj::hardware
