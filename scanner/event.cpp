#include "scanner/event.h"

#include <sys/random.h>

#include <cstdio>
#include <ctime>
#include <stdexcept>

#include <boost/json.hpp>

namespace cj::scanner {

namespace json = boost::json;

std::string event_json(const EventInput& input, const ScanSet& set) {
  json::array operators;
  for (const auto& name : input.operators) operators.emplace_back(name);
  json::array scans;
  for (const auto& scan : set.scans()) scans.emplace_back(scan);
  json::object event{{"journey", set.journey()},
                     {"step", input.step},
                     {"occurred_at", utc_text(input.occurred_at)},
                     {"station", input.station},
                     {"operators", std::move(operators)},
                     {"scans", std::move(scans)},
                     {"data", input.data},
                     {"proofs", input.proofs},
                     {"idempotency_key", input.idempotency_key}};
  if (!input.typed.empty()) {
    json::array typed;
    for (const auto index : input.typed) typed.emplace_back(static_cast<std::uint64_t>(index));
    event["typed"] = std::move(typed);
  }
  return json::serialize(event);
}

std::string new_idempotency_key() {
  unsigned char bytes[16];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n <= 0) throw std::runtime_error("cannot read random bytes for an idempotency key");
    got += static_cast<std::size_t>(n);
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10],
                bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

std::string utc_text(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

bool parse_utc(const std::string& text, std::chrono::system_clock::time_point& out) {
  std::tm tm{};
  int used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &used) != 6) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  out = std::chrono::system_clock::from_time_t(timegm(&tm));
  return true;
}

}  // namespace cj::scanner
