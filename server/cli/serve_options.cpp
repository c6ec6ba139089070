#include "server/cli/serve_options.h"

#include <iostream>

#include <boost/program_options.hpp>

#include "server/cli/command_line.h"

namespace cj::cli {

namespace po = boost::program_options;

std::optional<int> parse_serve_options(const std::vector<std::string>& args, ServeOptions& opts) {
  po::options_description desc("celljourney serve options");
  desc.add_options()("listen", po::value(&opts.listen)->default_value(opts.listen), "address to listen on")(
      "port", po::value(&opts.port)->default_value(opts.port), "TCP port (0: any free port)")(
      "threads", po::value(&opts.threads)->default_value(opts.threads), "network threads")(
      "db-workers", po::value(&opts.db_workers)->default_value(opts.db_workers), "database worker threads")(
      "sweep-interval", po::value(&opts.sweep_interval)->default_value(opts.sweep_interval),
      "seconds between deadline sweeps (OVERDUE deviations; the first at start-up); 0: no sweeps")(
      "no-demo", po::bool_switch(&opts.no_demo), "never seed the demo site, people and journeys")(
      "demo", po::bool_switch(&opts.demo),
      "seed the demo on an empty --database too (by default only on the private cluster; never on production)")(
      "centre-key-file", po::value(&opts.centre_key_file),
      "this centre's passport signing key (mode 0600), for GET /api/v1/users/{username}/passport");
  add_database_options(desc, opts.database);
  po::variables_map vm;
  if (auto done = parse_command_line("serve", "usage: celljourney serve [OPTIONS]\n\n", args, desc, vm)) return done;
  if (opts.demo && opts.no_demo) {
    std::cerr << "celljourney serve: --demo and --no-demo contradict each other\n";
    return 1;
  }
  return std::nullopt;
}

}  // namespace cj::cli
