// celljourney: the server and its administration commands.
#include <iostream>
#include <string>
#include <vector>

#include "server/cli/admin_commands.h"
#include "server/cli/alerts_command.h"
#include "server/cli/audit_command.h"
#include "server/cli/export_command.h"
#include "server/cli/db_command.h"
#include "server/cli/isbt_command.h"
#include "server/cli/passport_command.h"
#include "server/cli/printer_command.h"
#include "server/cli/serve_command.h"
#include "server/cli/site_rules_command.h"
#include "server/cli/site_settings_command.h"
#include "server/cli/sweep_command.h"
#include "server/cli/temperature_command.h"
#include "server/cli/workflows_command.h"
#include "server/serve/version.h"

namespace {

constexpr const char* kUsage = R"(usage: celljourney COMMAND [OPTIONS]

commands:
  serve          run the server (on a private PostgreSQL in ./var/postgres unless --database is given)
  db migrate     apply pending schema migrations
  db status      show applied and pending schema migrations
  audit verify   recompute every journey's event hash chain; exit 1 when a link is broken
  export         registry CSV or HL7 FHIR R4 Bundle of a date range: --from --to --format csv|fhir [-o FILE]
  sweep          sweep every open journey's deadlines now (OVERDUE deviations), as serve does each minute
  temperature import  record a data logger's CSV file as a journey's temperature evidence
  isbt parse     parse scanned ISBT 128 codes (arguments, or one per line on stdin) into JSON lines
  isbt check     print the keyboard check character of a 13-character DIN, or verify a typed one
  site add       add a site (hospital or centre): --code, --name, --fin
  site rules     set a site's rules (its site-set product values) from a YAML file
  site set       change a site's settings: --session-idle-minutes N
  alerts         alert email addresses, a site's relay and webhook, its alert rules (alerts --help)
  user add       add a person with roles per site (the first administrator, for one)
  station add    register a scanning station and print its key (once)
  qualification add  record a person's training (car-t-core, kymriah, ...)
  centre key init    create this centre's passport signing key; centre trust add: trust another centre
  passport export    sign a person's current qualifications into a passport file; passport import
  printer add    register a site's label printer (tcp://, cups://, file://); printer list
  workflows check     validate product definitions (core.yaml + products/*.yaml, with a site file)
  workflows simulate  run a journey's events through a product's rules and print the decisions
  workflows products  list the product definitions built in
  workflows codes     list the refusal and deviation codes
  version        print the version

Run `celljourney COMMAND --help` for the options of a command.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "serve") return cj::cli::run_serve_command(rest);
  if (command == "db") return cj::cli::run_db_command(rest);
  if (command == "audit") return cj::cli::run_audit_command(rest);
  if (command == "export") return cj::cli::run_export_command(rest, std::cout, std::cerr);
  if (command == "sweep") return cj::cli::run_sweep_command(rest);
  if (command == "temperature") return cj::cli::run_temperature_command(rest, std::cout, std::cerr);
  if (command == "site" && !rest.empty() && rest[0] == "rules") {
    return cj::cli::run_site_rules_command({rest.begin() + 1, rest.end()});
  }
  if (command == "site" && !rest.empty() && rest[0] == "set") {
    return cj::cli::run_site_set_command({rest.begin() + 1, rest.end()});
  }
  if (command == "site") return cj::cli::run_site_command(rest);
  if (command == "alerts") return cj::cli::run_alerts_command(rest);
  if (command == "user") return cj::cli::run_user_command(rest);
  if (command == "station") return cj::cli::run_station_command(rest);
  if (command == "qualification") return cj::cli::run_qualification_command(rest);
  if (command == "centre") return cj::cli::run_centre_command(rest);
  if (command == "passport") return cj::cli::run_passport_command(rest);
  if (command == "printer") return cj::cli::run_printer_command(rest);
  if (command == "workflows") return cj::cli::run_workflows_command(rest, std::cin, std::cout, std::cerr);
  if (command == "isbt") return cj::cli::run_isbt_command(rest, std::cin, std::cout, std::cerr);
  if (command == "version" || command == "--version") {
    std::cout << "celljourney " << cj::kVersion << "\n";
    return 0;
  }
  std::cerr << "celljourney: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
