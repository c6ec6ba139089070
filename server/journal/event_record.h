// The hashed content of one event: what `canonical` holds and the chain links (docs/audit.md).
//
// The record is built from the values appended (append_event) and again from the columns read
// back (verify_chains); both go through to_json(), so the two can be compared key by key.
// Times are UTC with microseconds, "2026-11-20T10:00:00.000000Z" (kTimeFormat renders a
// timestamptz so in SQL).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "workflows/time_point.h"

namespace cj::journal {

/// The canonical document's format; written as "v". A new version adds keys, never reuses one.
inline constexpr int kRecordVersion = 1;

/// to_char() pattern for `<timestamptz> AT TIME ZONE 'UTC'` giving the record's time text.
inline constexpr const char* kTimeFormat = "YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"";

struct EventRecord {
  std::string journey;  // the COI
  int seq = 0;          // 1.. within the journey
  std::string step;
  std::string occurred_at;                 // record_time() text
  std::string recorded_at;                 // record_time() text, the server's clock
  std::optional<std::string> station;      // the station's code as received
  std::optional<std::int64_t> station_id;  // the registered station it resolved to
  std::vector<std::string> operators;      // user names as received
  std::vector<std::string> scans;          // raw scanned text
  boost::json::object data;
  std::vector<std::string> units;     // registered unit keys the scans resolved to
  std::string decision;               // "accepted" | "refused"
  boost::json::object decision_json;  // workflows::to_json(Decision) without "event_id"
  std::optional<std::int64_t> corrects_event_id;
  std::optional<std::string> correction_reason;
  std::optional<std::string> idempotency_key;
};

/// {"v": 1, "journey", "seq", "step", "occurred_at", "recorded_at", "station", "station_id",
///  "operators", "scans", "data", "units", "decision", "decision_json", "corrects_event_id",
///  "correction_reason", "idempotency_key"}: every key always present, null when absent.
boost::json::object to_json(const EventRecord& record);

/// "2026-11-20T10:00:00.000000Z".
std::string record_time(workflows::TimePoint time);

}  // namespace cj::journal
