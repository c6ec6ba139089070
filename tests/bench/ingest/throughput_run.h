// The measuring run: K clients post scans for S seconds (as fast as answered, or at --rate)
// while a coordinator's feed is watched; then the server stops and pgbench runs the same SQL
// transaction at the same concurrency on the same database. Prints every figure.
#pragma once

#include "tests/bench/ingest/bench_context.h"

namespace cj::bench {

/// 0 when it ran (whatever the figures), 1 on a harness failure (printed).
int run_throughput(BenchContext& bench);

}  // namespace cj::bench
