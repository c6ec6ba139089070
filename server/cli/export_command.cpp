#include "server/cli/export_command.h"

#include <chrono>
#include <fstream>
#include <iostream>

#include <boost/program_options.hpp>
#include <pqxx/pqxx>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "server/audit/admin_log.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/exports/export_run.h"
#include "server/storage/migrations.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage =
    R"(usage: celljourney export --from DATE --to DATE --format csv|fhir [-o FILE] [--site CODE]
                          [--database URL | --data-dir DIR]

  Writes the journeys that have an accepted event from DATE (00:00 UTC) to the end of DATE
  (UTC), both inclusive: one CSV row per journey (registry time points and intervals) or one
  HL7 FHIR R4 Bundle (JSON). Standard output unless -o names a file. Every export is recorded
  in the administration log with its SHA-256. See docs/export.md.
)";
}  // namespace

int run_export_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    out << kUsage;
    return 0;
  }
  DatabaseChoice choice;
  std::string from_text, to_text, format_text, output_path, site;
  po::options_description desc("celljourney export options");
  desc.add_options()("from", po::value(&from_text)->required(), "first day, YYYY-MM-DD (UTC)")(
      "to", po::value(&to_text)->required(), "last day, YYYY-MM-DD (UTC), inclusive")(
      "format", po::value(&format_text)->required(), "csv or fhir")("output,o", po::value(&output_path),
                                                                    "write to FILE instead of standard output")(
      "site", po::value(&site), "only this site's journeys (its code)");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (auto done = parse_command_line("export", kUsage, args, desc, vm)) return *done;
  const auto from = workflows::parse_date(from_text);
  const auto to = workflows::parse_date(to_text);
  const auto format = exports::parse_format(format_text);
  if (!from || !to || !format || *to < *from) {
    err << "celljourney export: --from and --to must be dates (YYYY-MM-DD), --to not before --from, and --format csv "
           "or fhir\n";
    return 2;
  }
  // The export is stdout's: log lines (cluster start, migrations) go to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("export"));
  std::string error;
  auto database = open_database(choice, error);
  if (!database) {
    err << "celljourney export: " << error << "\n";
    return 1;
  }
  if (auto migrated = storage::migrate(database->uri()); !migrated.ok()) {
    err << "celljourney export: " << migrated.error().message() << "\n";
    return 1;
  }
  try {
    pqxx::connection conn(database->uri());
    pqxx::work tx(conn);
    std::vector<std::int64_t> sites;
    if (!site.empty()) {
      const auto found = tx.exec_params("SELECT id FROM sites WHERE code = $1", site);
      if (found.empty()) {
        err << "celljourney export: no site " << site << "\n";
        return 2;
      }
      sites.push_back(found[0][0].as<std::int64_t>());
    }
    std::vector<exports::ExportJourney> journeys;
    for (const auto id : exports::journeys_in_range(tx, *from, *to + std::chrono::days{1}, sites, site.empty())) {
      auto loaded = journal::load_journey(tx, id);
      if (loaded.ok()) journeys.push_back(exports::export_journey(tx, loaded.value()));
    }
    const auto now = base::now_seconds();
    const auto output = exports::render_export(journeys, *format, now);
    // Recorded before it is written: an export that fails to reach its file is still on record.
    exports::record_export(tx, audit::cli_actor(), site.empty() ? "journeys" : "journeys@" + site, output, from_text,
                           to_text);
    tx.commit();
    if (output_path.empty()) {
      out << output.body;
      out.flush();
    } else {
      std::ofstream file(output_path, std::ios::binary | std::ios::trunc);
      file << output.body;
      file.close();
      if (!file) {
        err << "celljourney export: cannot write " << output_path << "\n";
        return 1;
      }
    }
    err << "celljourney export: " << output.journeys << " journeys, " << output.body.size() << " bytes, sha256 "
        << output.sha256_hex << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "celljourney export: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace cj::cli
