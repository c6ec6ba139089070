// The fault run: K clients post scans; 2-4 s in the server is killed with SIGKILL and started
// again on the same database (same port when it can be had, else the clients follow the new
// one); the clients retry every unanswered scan with its idempotency key until answered (for
// at most 60 s per scan). Then: every acknowledged scan stored exactly once (exactly_once.h),
// and `celljourney audit verify` exits 0.
#pragma once

#include "tests/bench/ingest/bench_context.h"

namespace cj::bench {

/// 0 when exactly-once and the audit hold, 1 when either fails or the harness does (printed).
int run_fault(BenchContext& bench);

}  // namespace cj::bench
