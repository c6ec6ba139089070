// The fault run's verdict, read from the database: every acknowledged scan is stored exactly
// once, as the event its answer named; no idempotency key has two events.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tests/bench/ingest/load_run.h"

namespace cj::bench {

struct ExactlyOnce {
  std::size_t checked = 0;         // acknowledged scans looked up
  std::size_t missing = 0;         // acknowledged, but no event with its key
  std::size_t duplicated = 0;      // acknowledged, and more than one event with its key
  std::size_t other_event = 0;     // one event, but not the one the answer named
  std::size_t without_answer = 0;  // acknowledged, but no stored answer for its key
  std::size_t duplicate_keys = 0;  // keys with more than one event, over the whole database
  bool ok() const { return missing + duplicated + other_event + without_answer + duplicate_keys == 0; }
};

/// Throws on database errors.
ExactlyOnce check_exactly_once(const std::string& uri, const std::vector<Acknowledged>& acknowledged);

}  // namespace cj::bench
