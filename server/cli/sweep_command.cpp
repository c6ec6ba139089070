#include "server/cli/sweep_command.h"

#include <iostream>

#include <boost/program_options.hpp>
#include <pqxx/pqxx>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/storage/migrations.h"
#include "server/rules/journey_deadlines.h"
#include "server/sweeper/sweep.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage = R"(usage: celljourney sweep [--database URL | --data-dir DIR]

Sweeps every open journey's deadlines now, as `celljourney serve` does every --sweep-interval:
each obligation past its due time becomes an OVERDUE deviation (once; a second sweep raises
nothing new), told to the live feed. Prints how many journeys were checked and how many
deviations were raised.

)";
}  // namespace

int run_sweep_command(const std::vector<std::string>& args) {
  DatabaseChoice choice;
  po::options_description desc("celljourney sweep options");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (auto done = parse_command_line("sweep", kUsage, args, desc, vm)) return *done;
  // The report is stdout's: log lines (cluster start, migrations, each deviation) go to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("sweep"));
  std::string error;
  auto database = open_database(choice, error);
  if (!database) {
    std::cerr << "celljourney sweep: " << error << "\n";
    return 1;
  }
  if (auto migrated = storage::migrate(database->uri()); !migrated.ok()) {
    std::cerr << "celljourney sweep: " << migrated.error().message() << "\n";
    return 1;
  }
  try {
    pqxx::connection conn(database->uri());
    const sweeper::SweepReport report = sweeper::sweep_once(conn, base::now_seconds());
    std::cout << sweeper::describe(report) << "\n";
    return report.failed == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "celljourney sweep: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace cj::cli
