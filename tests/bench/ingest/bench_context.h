// What both runs (throughput_run.h, fault_run.h) start from: the options, a migrated and
// seeded database, and a server running on it with the coordinator logged in.
#pragma once

#include <string>

#include "tests/bench/ingest/bench_database.h"
#include "tests/bench/ingest/http_connection.h"
#include "tests/bench/ingest/options.h"
#include "tests/bench/ingest/seed.h"
#include "tests/bench/ingest/server_child.h"

namespace cj::bench {

struct BenchContext {
  const Options& options;
  BenchDatabase& database;
  World& world;
  ServerChild& server;
  HttpConnection& http;  // the harness's own connection (seeding, /metrics)
  std::string run_id;    // prefix of this run's idempotency keys
};

/// The journeys of each client: its own journeys_per_client ones, or all the one journey.
std::vector<std::vector<Journey>> split_journeys(const Options& options, const std::vector<Journey>& journeys);

}  // namespace cj::bench
