// pgbench with scan_transaction.sql: the SQL of a scan, at the HTTP run's concurrency, on its
// database, so that (server scans/s) / (pgbench tps) says how much of the database's own
// ceiling the server reaches.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "server/storage/status.h"
#include "tests/bench/ingest/seed.h"

namespace cj::bench {

/// The -D variables of scan_transaction.sql.
using PgbenchVariables = std::vector<std::pair<std::string, std::string>>;

/// Reads them from the database: journeys (per_client for each pgbench client, in order; their
/// ids must be consecutive, as create_journeys makes them; shared: one journey for all
/// clients), the world's station, and the event and stored answer of sample_key, a scan of the
/// HTTP run (real sizes for rows and payloads).
storage::Result<PgbenchVariables> pgbench_variables(const std::string& uri, const World& world,
                                                    const std::vector<Journey>& journeys, std::size_t per_client,
                                                    bool shared, const std::string& sample_key);

struct PgbenchResult {
  double tps = 0;  // "without initial connection time"
  std::size_t transactions = 0;
  std::size_t failed = 0;
  double latency_ms = 0;  // average
  std::string command;    // as run, for the report
  std::string output;
};

/// Runs `pgbench -n -M mode -c clients -j clients -T seconds -f scan_transaction.sql`; mode is
/// "prepared" (as the server: named statements, server/db/statement.h) or "extended".
/// Errors: pgbench missing, failing, or printing no tps.
storage::Result<PgbenchResult> run_pgbench(const std::string& pgbench, const std::string& uri, unsigned clients,
                                           unsigned seconds, const PgbenchVariables& variables,
                                           const std::string& mode = "prepared");

}  // namespace cj::bench
