// The event a station posts (docs/design.md "The event and the decision"), made from a complete
// scan set, and the idempotency key that makes resending it safe.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "scanner/scan_set.h"

namespace cj::scanner {

struct EventInput {
  std::string step;
  std::string station;
  std::vector<std::string> operators;
  std::chrono::system_clock::time_point occurred_at;
  std::string idempotency_key;
  boost::json::object data;        // the step's fields and checklist
  boost::json::array proofs;       // one per operator (contract C)
  std::vector<std::size_t> typed;  // indexes into the scans typed by hand
};

// The request body: {"journey": <the set's COI>, "step", "occurred_at", "station", "operators",
// "scans": <raw reads>, "data", "proofs", "typed" (when any), "idempotency_key"}.
// REQUIRES set.complete().
std::string event_json(const EventInput& input, const ScanSet& set);

// A random UUID (version 4) from the kernel's random source: unique per scan set, across
// restarts and stations. Throws std::runtime_error when no randomness can be read.
std::string new_idempotency_key();

// "2026-11-20T10:00:00Z" (UTC, whole seconds), and back (nullopt when not that shape).
std::string utc_text(std::chrono::system_clock::time_point t);
bool parse_utc(const std::string& text, std::chrono::system_clock::time_point& out);

}  // namespace cj::scanner
