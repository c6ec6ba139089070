#include "server/cli/temperature_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>
#include <pqxx/pqxx>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/journal/load_journey.h"
#include "server/storage/migrations.h"
#include "server/temperature/evidence.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage = R"(usage: celljourney temperature import FILE --journey COI [options]

Records a temperature data logger's CSV export as the journey's evidence (docs/coldchain.md):
each reading once per logger and instant, excursions (TEMP_EXCURSION) and gaps (TEMP_DATA_GAP)
raised as deviations. A file with any bad row is refused whole and nothing is recorded.

)";
}  // namespace

int run_temperature_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || (args[0] != "import" && args[0] != "--help" && args[0] != "-h")) {
    err << kUsage;
    return 2;
  }
  DatabaseChoice choice;
  std::string file, coi, zone, logger, temp_unit, shipper, position, unit;
  po::options_description desc("celljourney temperature import options");
  desc.add_options()("file", po::value(&file)->required(), "the logger's CSV file")(
      "journey", po::value(&coi)->required(), "the journey's COI")(
      "zone", po::value(&zone), "IANA time zone of times written without an offset (Europe/Berlin)")(
      "logger", po::value(&logger), "the logger's serial, when the file does not give it")(
      "temp-unit", po::value(&temp_unit), "C or F, when the file's header does not say")(
      "shipper", po::value(&shipper), "the shipper the logger travelled in (default placement)")(
      "storage-position", po::value(&position), "the storage position the logger watched (LN2-1/R2)")(
      "unit", po::value(&unit), "a DIN or id of one of the journey's units the readings belong to");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  const std::vector<std::string> rest(args.begin() + (args[0] == "import" ? 1 : 0), args.end());
  if (auto done = parse_command_line("temperature import", kUsage, rest, desc, vm, &positional)) return *done;
  if (!shipper.empty() && !position.empty()) {
    err << "celljourney temperature import: give --shipper or --storage-position, not both\n";
    return 2;
  }
  spdlog::set_default_logger(spdlog::stderr_color_mt("temperature"));
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    err << "celljourney temperature import: cannot read " << file << "\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const hardware::TemperatureCsv csv = hardware::read_temperature_csv(text.str(), {zone, logger, temp_unit});
  if (!csv.ok() || csv.readings.empty()) {
    for (const auto& e : csv.errors) err << file << ":" << e.line << ": " << e.message << "\n";
    if (csv.errors.empty()) err << file << ": no readings\n";
    err << "celljourney temperature import: the file was refused, nothing recorded\n";
    return 1;
  }
  std::string error;
  auto database = open_database(choice, error);
  if (!database) {
    err << "celljourney temperature import: " << error << "\n";
    return 1;
  }
  if (auto migrated = storage::migrate(database->uri()); !migrated.ok()) {
    err << "celljourney temperature import: " << migrated.error().message() << "\n";
    return 1;
  }
  try {
    pqxx::connection conn(database->uri());
    pqxx::work tx(conn, "temperature import");
    auto journey = journal::load_journey(tx, coi);
    if (!journey.ok()) {
      err << "celljourney temperature import: no journey " << coi << "\n";
      return 1;
    }
    temperature::Placement placement;
    placement.kind = position.empty() ? "shipper" : "storage";
    placement.place = position.empty() ? shipper : position;
    placement.unit = unit;
    const auto done = temperature::record_readings(tx, *journey, placement, "logger_file", csv.readings);
    tx.commit();
    out << done.count.recorded << " readings recorded, " << done.count.already << " already recorded, "
        << done.raised.size() << " deviations raised\n";
    if (!done.problem.empty()) out << "not evaluated: " << done.problem << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "celljourney temperature import: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace cj::cli
