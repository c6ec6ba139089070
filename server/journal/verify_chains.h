// Verifying the audit trail: recomputes every journey's hash chain (docs/audit.md).
//
// For each journey, in id order, and each of its events, in seq order, checks that
//  1. seq runs 1, 2, 3... with no gap (a deleted event leaves one);
//  2. prev_hash is the previous event's hash (32 zero bytes for seq 1);
//  3. hash = SHA-256(prev_hash || canonical);
//  4. canonical is the event's columns: the record rebuilt from the row (journey COI, step,
//     times, station and its id, operators, scans, data, units, decision...) is the same JSON document
//     (numbers compared by value, since jsonb reformats them);
// and, after the last event, that the journey's chain_seq/chain_head name that last event (a
// deleted tail leaves them pointing past it). The first failed check of a journey is its
// broken link; checking moves on to the next journey.
//
// Runs in one REPEATABLE READ read-only transaction: a consistent snapshot, concurrent appends
// neither block it nor are blocked. Memory: one journey's events at a time.
// Thread-safety: uses conn only, from the calling thread. Database failures throw.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <pqxx/types.hxx>

namespace cj::journal {

struct BrokenLink {
  std::int64_t journey_id = 0;
  std::string coi;
  int seq = 0;           // the event where the chain breaks (for a deleted tail: the last one the head names)
  std::string problem;   // for people: "event seq 2 is missing", "data differs from the hashed record"...
  std::string expected;  // what verify computed (a hash in hex, a seq, a value)
  std::string found;     // what the database holds
};

struct VerifyReport {
  std::int64_t journeys_checked = 0;
  std::int64_t events_checked = 0;
  std::vector<BrokenLink> broken;  // at most one per journey, in journey id order
  bool intact() const { return broken.empty(); }
};

/// Checks every journey's chain on conn.
VerifyReport verify_chains(pqxx::connection_base& conn);

/// For people:
///   Audit trail verified: 3 journeys, 42 events; every chain is intact.
/// or one block per broken journey, naming COI, seq, problem, expected and found.
void print_verify_report(const VerifyReport& report, std::ostream& out);

/// {"intact", "journeys_checked", "events_checked", "broken": [{"journey_id", "coi", "seq",
///  "problem", "expected", "found"}]}: the body of GET /api/v1/audit/verify.
boost::json::object to_json(const VerifyReport& report);

}  // namespace cj::journal
