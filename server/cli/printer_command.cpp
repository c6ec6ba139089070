#include "server/cli/printer_command.h"

#include <iostream>

#include <boost/program_options.hpp>

#include "server/audit/admin_log.h"
#include "server/cli/admin_transaction.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/labelling/printers.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {

constexpr int kDone = 0, kUsage = 2;
constexpr const char* kUsageText =
    "usage: celljourney printer add --site CODE --name NAME --uri URI [--format zpl|pdf|png|svg] [--dpi 203]\n"
    "       celljourney printer list [--site CODE]\n\n"
    "URI: tcp://HOST[:PORT] (a ZPL printer, port 9100 by default), cups://QUEUE (PDF through lp) or\n"
    "file:///PATH. The format defaults to pdf for cups:// and zpl otherwise.\n\n";

int add(const std::vector<std::string>& args) {
  labelling::NewPrinter printer;
  std::string format;
  DatabaseChoice choice;
  po::options_description desc("celljourney printer add options");
  desc.add_options()("site", po::value(&printer.site)->required(), "code of the site it serves")(
      "name", po::value(&printer.name)->required(), "what print requests call it, e.g. AP-ZEBRA-1")(
      "uri", po::value(&printer.uri)->required(), "tcp://HOST[:PORT], cups://QUEUE or file:///PATH")(
      "format", po::value(&format), "zpl, pdf, png or svg (default: pdf for cups://, zpl otherwise)")(
      "dpi", po::value(&printer.dpi)->default_value(203), "the print head's resolution (203, 300, 600)");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (auto done = parse_command_line("printer add", kUsageText, args, desc, vm)) return *done;
  if (vm.count("format")) printer.format = format;
  labelling::PrinterRow added;
  const int rc = run_admin_transaction("celljourney printer add: ", choice, [&](pqxx::work& tx) {
    added = labelling::add_printer(tx, printer, audit::cli_actor());
  });
  if (rc == kDone) {
    std::cout << "Printer " << added.name << " added at site " << added.site << ": " << added.uri << " ("
              << labels::format_name(added.format) << ", " << added.dpi << " dpi).\n";
  }
  return rc;
}

int list(const std::vector<std::string>& args) {
  std::string site;
  DatabaseChoice choice;
  po::options_description desc("celljourney printer list options");
  desc.add_options()("site", po::value(&site), "only this site's printers");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (auto done = parse_command_line("printer list", kUsageText, args, desc, vm)) return *done;
  return run_admin_transaction("celljourney printer list: ", choice, [&](pqxx::work& tx) {
    const auto printers = labelling::list_printers(tx, vm.count("site") ? std::optional(site) : std::nullopt);
    if (printers.empty()) std::cout << "No printers.\n";
    for (const auto& p : printers) {
      std::cout << p.site << "\t" << p.name << "\t" << p.uri << "\t" << labels::format_name(p.format) << "\t" << p.dpi
                << " dpi\n";
    }
  });
}

}  // namespace

int run_printer_command(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "add") return add({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "list") return list({args.begin() + 1, args.end()});
  const bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
  (help ? std::cout : std::cerr) << kUsageText;
  return help ? kDone : kUsage;
}

}  // namespace cj::cli
