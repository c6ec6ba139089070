#include "tests/bench/ingest/options.h"

#include <iostream>

#include <boost/program_options.hpp>

namespace cj::bench {

namespace po = boost::program_options;

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
  Options o;
  bool no_pgbench = false;
  po::options_description desc(
      "usage: celljourney-ingest [OPTIONS]\n\n"
      "Posts realistic scans to a real `celljourney serve` over keep-alive HTTP and measures accepted\n"
      "scans/s, latency and scan-to-feed latency; then runs the same SQL transaction with pgbench\n"
      "(tests/bench/ingest/scan_transaction.sql) and prints the ratio. --fault kills the server\n"
      "during the run instead and checks that every acknowledged scan is stored exactly once.\n\n"
      "options");
  desc.add_options()("help,h", "this text")("clients,c", po::value(&o.clients)->default_value(o.clients),
                                            "concurrent keep-alive clients")(
      "seconds,s", po::value(&o.seconds)->default_value(o.seconds), "how long scans are sent")(
      "rate,r", po::value(&o.rate)->default_value(o.rate), "scans/s over all clients (0: as fast as possible)")(
      "journeys-per-client", po::value(&o.journeys_per_client)->default_value(o.journeys_per_client),
      "journeys each client cycles through")("one-journey", po::bool_switch(&o.one_journey),
                                             "all clients post to one journey (its lock serialises them)")(
      "fault", po::bool_switch(&o.fault), "kill -9 the server 2-4 s in, restart it, retry, verify exactly-once")(
      "no-pgbench", po::bool_switch(&no_pgbench), "skip the pgbench comparison")(
      "keep-log", po::bool_switch(&o.keep_log), "keep the server's log (always kept after a failure)")(
      "database", po::value(&o.database), "PostgreSQL URI to use (migrated here); default: a throwaway cluster")(
      "db-workers", po::value(&o.db_workers)->default_value(o.db_workers), "server database workers (0: = clients)")(
      "server-threads", po::value(&o.server_threads)->default_value(o.server_threads), "server network threads")(
      "pgbench", po::value(&o.pgbench_bin)->default_value(o.pgbench_bin), "the pgbench program")(
      "pgbench-mode", po::value(&o.pgbench_mode)->default_value(o.pgbench_mode),
      "pgbench -M: prepared (as the server) or extended (re-planned each time)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "celljourney-ingest: " << e.what() << "\n\n" << desc << "\n";
    exit_code = 2;
    return std::nullopt;
  }
  if (vm.count("help")) {
    std::cout << desc << "\n";
    exit_code = 0;
    return std::nullopt;
  }
  if (o.clients == 0 || o.clients > 256 || o.seconds == 0 || o.seconds > 3600 || o.rate < 0 ||
      o.journeys_per_client == 0 || o.journeys_per_client > 1000) {
    std::cerr << "celljourney-ingest: clients 1-256, seconds 1-3600, rate >= 0, journeys-per-client 1-1000\n";
    exit_code = 2;
    return std::nullopt;
  }
  if (o.pgbench_mode != "prepared" && o.pgbench_mode != "extended") {
    std::cerr << "celljourney-ingest: --pgbench-mode is prepared or extended\n";
    exit_code = 2;
    return std::nullopt;
  }
  o.pgbench = !no_pgbench && !o.fault;
  if (o.db_workers == 0) o.db_workers = o.clients;
  return o;
}

}  // namespace cj::bench
