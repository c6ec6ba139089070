// The command line of celljourney-ingest (`celljourney-ingest --help` prints it).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cj::bench {

struct Options {
  unsigned clients = 8;               // keep-alive HTTP connections, one thread each
  unsigned seconds = 10;              // how long scans are sent
  double rate = 0;                    // scans/s over all clients; 0: each client as fast as it can
  unsigned journeys_per_client = 16;  // journeys a client cycles through (its own: no shared lock)
  bool one_journey = false;           // every client posts to the same journey (one lock)
  bool fault = false;                 // kill -9 the server during the run, restart, check exactly-once
  bool pgbench = true;                // run scan_transaction.sql with pgbench after the HTTP run
  bool keep_log = false;              // keep the server's log after a run that went well
  std::string database;               // empty: a throwaway cluster of our own
  unsigned db_workers = 0;            // server --db-workers; 0: as many as clients
  unsigned server_threads = 2;        // server --threads
  std::string pgbench_bin = "/usr/lib/postgresql/15/bin/pgbench";
  // pgbench -M: "prepared" as the server (named prepared statements, server/db/statement.h);
  // "extended" re-plans every statement, as the server did before (exec_params).
  std::string pgbench_mode = "prepared";
};

/// Reads argv. Returns the options, or nullopt after printing help (exit_code 0) or a usage
/// error (exit_code 2).
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

}  // namespace cj::bench
