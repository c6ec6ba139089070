// What a run needs in the database before the first scan, made the way the system makes it:
// the site, its rules (tests/workflows/sites/test_eu.yaml), a coordinator and an apheresis
// nurse trained for Kymriah, and a station, through the same admin:: functions the CLI uses;
// then the journeys through the API (POST /journeys, its apheresis bag, the order scan), so
// that each journey is ready for its apheresis.collect scans.
//
// The scan every client repeats is apheresis.collect (core.yaml: `repeat: any`, one event per
// collection session): the bag's DIN and the patient's wristband, both checked by the rules,
// accepted with no deviation.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "server/storage/status.h"
#include "tests/bench/ingest/http_connection.h"

namespace cj::bench {

struct World {
  std::string site = "ingest";
  std::string fin = "B0001";
  std::string coordinator = "cora.ingest";
  std::string nurse = "ann.ingest";
  std::string station = "AP-INGEST";
  std::string station_key;          // "Authorization: Station <key>"
  std::string coordinator_token;    // a session of the coordinator (feed subscriber)
  std::string qa = "quinn.ingest";  // reads /metrics, which needs the admin or QA role
  std::string qa_token;
  // The nurse signed in at the station (POST /api/v1/operator-tokens, badge + PIN): every scan
  // carries one of these as its proof. Several, as several stations would hold, so that the
  // clients do not all wait on one token's row.
  std::vector<std::string> nurse_tokens;
};

struct Journey {
  std::string coi;
  std::string din;  // the apheresis bag, 13 characters
  std::string mrn;  // 8 characters: the wristband reads "&#0008" + mrn
};

/// Seeds the site, rules, people and station directly in the database at uri (as its owner).
/// Throws on database errors.
World seed_world(const std::string& uri);

/// Logs the coordinator and the QA in (POST /api/v1/session) and signs the nurse in at the
/// station (POST /api/v1/operator-tokens), keeping their tokens in world.
storage::Status log_in_coordinator(World& world, HttpConnection& http);

/// Creates count Kymriah journeys, numbered from first (patients "MRN" + 5 digits, bags
/// A99992 6 + 6 digits), each with its bag registered and its order recorded by the coordinator.
storage::Result<std::vector<Journey>> create_journeys(const World& world, HttpConnection& http, std::size_t first,
                                                      std::size_t count);

/// The body of an apheresis.collect scan of journey, at the current time, with key, proven by one
/// of the nurse's tokens.
std::string collect_scan(const World& world, const Journey& journey, const std::string& key);

/// "2026-11-25T17:01:02Z": now minus ago.
std::string utc_now_text(std::chrono::seconds ago = std::chrono::seconds(0));

}  // namespace cj::bench
