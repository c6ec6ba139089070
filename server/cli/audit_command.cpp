#include "server/cli/audit_command.h"

#include <iostream>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>
#include <pqxx/pqxx>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/journal/verify_chains.h"
#include "server/storage/migrations.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage = R"(usage: celljourney audit verify [--database URL | --data-dir DIR] [--json]

  verify   recompute every journey's event hash chain and check each event against its
           hashed record; exit 0 when every chain is intact, 1 when a link is broken
)";
}  // namespace

int run_audit_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (args.empty() || args[0] != "verify") {
    std::cerr << kUsage;
    return 2;
  }
  DatabaseChoice choice;
  bool as_json = false;
  po::options_description desc("celljourney audit verify options");
  desc.add_options()("json", po::bool_switch(&as_json), "print the report as JSON");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (auto done = parse_command_line("audit verify", kUsage, {args.begin() + 1, args.end()}, desc, vm)) return *done;
  // The report is stdout's (and --json must parse): log lines (cluster start, migrations) go
  // to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("audit"));
  std::string error;
  auto database = open_database(choice, error);
  if (!database) {
    std::cerr << "celljourney audit: " << error << "\n";
    return 1;
  }
  if (auto migrated = storage::migrate(database->uri()); !migrated.ok()) {
    std::cerr << "celljourney audit: " << migrated.error().message() << "\n";
    return 1;
  }
  try {
    pqxx::connection conn(database->uri());
    const journal::VerifyReport report = journal::verify_chains(conn);
    if (as_json) {
      std::cout << boost::json::serialize(journal::to_json(report)) << "\n";
    } else {
      journal::print_verify_report(report, std::cout);
    }
    return report.intact() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "celljourney audit verify: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace cj::cli
