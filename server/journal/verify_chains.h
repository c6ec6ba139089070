// Verifying the audit trail: recomputes every journey's hash chains (docs/audit.md): its event
// chain, below, and its fact chain (verify_facts.h). The administration chain and the signed
// checkpoints are audit/'s (server/audit/verify_audit_trail.h), which adds their findings to the
// same report.
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
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <pqxx/types.hxx>

namespace cj::journal {

struct BrokenLink {
  std::int64_t journey_id = 0;  // 0 for the administration chain and for journeys deleted whole
  std::string coi;              // empty for the administration chain
  std::string chain;            // "events", "facts", "admin" or "checkpoint"
  int seq = 0;                  // the link where the chain breaks (for a deleted tail: the last one the head names)
  std::string problem;          // for people: "event seq 2 is missing", "data differs from the hashed record"...
  std::string expected;         // what verify computed (a hash in hex, a seq, a value)
  std::string found;            // what the database holds
};

// The hashes of one journey's links (hex, index = seq - 1): what checkpoints are checked against.
struct JourneyLinks {
  std::int64_t journey_id = 0;
  std::int64_t site_id = 0;
  std::vector<std::string> events;
  std::vector<std::string> facts;
};

struct VerifyReport {
  std::int64_t journeys_checked = 0;
  std::int64_t events_checked = 0;
  std::int64_t facts_checked = 0;
  std::int64_t admin_entries_checked = 0;        // filled in by audit::verify_audit_trail
  std::int64_t checkpoints_checked = 0;          // ditto
  std::optional<std::string> latest_checkpoint;  // its taken_at, when there is one
  std::vector<BrokenLink> broken;                // at most one per chain, journeys in id order, then admin, checkpoints
  std::map<std::string, JourneyLinks> links;     // by COI
  bool intact() const { return broken.empty(); }
};

/// Which journeys to check: all, or those of the given sites.
struct VerifyScope {
  std::optional<std::vector<std::int64_t>> site_ids;
};

/// Checks the event and fact chains of every journey in scope, in tx (open it REPEATABLE READ
/// READ ONLY for a consistent snapshot).
VerifyReport verify_chains(pqxx::transaction_base& tx, const VerifyScope& scope = {});
/// The same in a transaction of its own on conn.
VerifyReport verify_chains(pqxx::connection_base& conn);

/// For people:
///   Audit trail verified: 3 journeys, 42 events; every chain is intact.
/// or one block per broken journey, naming COI, seq, problem, expected and found.
void print_verify_report(const VerifyReport& report, std::ostream& out);

/// {"intact", "journeys_checked", "events_checked", "facts_checked", "admin_entries_checked",
///  "checkpoints_checked", "latest_checkpoint", "broken": [{"journey_id", "coi", "chain", "seq",
///  "problem", "expected", "found"}]}: the body of GET /api/v1/audit/verify.
boost::json::object to_json(const VerifyReport& report);

}  // namespace cj::journal
