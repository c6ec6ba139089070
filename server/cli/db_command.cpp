#include "server/cli/db_command.h"

#include <iostream>

#include <boost/program_options.hpp>

#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/storage/migrations.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage = R"(usage: celljourney db migrate|status [--database URL | --data-dir DIR]

  migrate   apply the pending schema migrations, in order, each in its own transaction
  status    list applied and pending migrations
)";
}  // namespace

int run_db_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (args.empty() || (args[0] != "migrate" && args[0] != "status")) {
    std::cerr << kUsage;
    return 2;
  }
  DatabaseChoice choice;
  po::options_description desc("celljourney db options");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (auto done = parse_command_line("db " + args[0], kUsage, {args.begin() + 1, args.end()}, desc, vm)) return *done;
  std::string error;
  auto database = open_database(choice, error);
  if (!database) {
    std::cerr << "celljourney db: " << error << "\n";
    return 1;
  }
  if (args[0] == "migrate") {
    auto report = storage::migrate(database->uri());
    if (!report.ok()) {
      std::cerr << "celljourney db migrate: " << report.error().message() << "\n";
      return 1;
    }
    storage::print_migration_report(report.value(), std::cout);
    return 0;
  }
  auto status = storage::migration_status(database->uri());
  if (!status.ok()) {
    std::cerr << "celljourney db status: " << status.error().message() << "\n";
    return 1;
  }
  storage::print_migration_status(status.value(), std::cout);
  return 0;
}

}  // namespace cj::cli
