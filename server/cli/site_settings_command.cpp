#include "server/cli/site_settings_command.h"

#include <iostream>

#include <boost/program_options.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/admin/scope.h"
#include "server/admin/site_settings.h"
#include "server/audit/admin_log.h"
#include "server/cli/admin_transaction.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"

namespace cj::cli {

namespace po = boost::program_options;

int run_site_set_command(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: celljourney site set CODE [--session-idle-minutes N] [--time-zone ZONE]\n\n"
      "--session-idle-minutes: how long (1 to 720 minutes) a browser session or a station sign-in\n"
      "at the site may stay unused before it ends. Applies at once to every open session.\n"
      "--time-zone: the IANA zone (Europe/Berlin) the pages show the site's times in; 'default'\n"
      "for the installation's zone.\n\n";
  std::string code;
  admin::SiteSettings settings;
  int minutes = 0;
  std::string zone;
  DatabaseChoice choice;
  po::options_description desc("celljourney site set options");
  desc.add_options()("code", po::value(&code)->required(), "the site's code (also the first argument)")(
      "session-idle-minutes", po::value(&minutes), "minutes a session may stay unused (1 to 720)")(
      "time-zone", po::value(&zone), "the site's IANA time zone, or 'default'");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("code", 1);
  po::variables_map vm;
  if (auto done = parse_command_line("site set", usage, args, desc, vm, &positional)) return *done;
  if (vm.count("session-idle-minutes") == 0 && vm.count("time-zone") == 0) {
    std::cerr << "celljourney site set: give --session-idle-minutes or --time-zone (or both)\n\n" << usage << desc;
    return 2;
  }
  if (vm.count("session-idle-minutes") != 0) settings.session_idle_minutes = minutes;
  if (vm.count("time-zone") != 0) {
    if (zone == "default") {
      settings.clear_time_zone = true;
    } else {
      settings.time_zone = zone;
    }
  }
  const int rc = run_admin_transaction("celljourney site set: ", choice, [&](pqxx::work& tx) {
    const auto site_id = admin::find_site(tx, code);
    if (!site_id) throw base::Failure(base::ErrorKind::not_found, "UNKNOWN_SITE", "There is no site '" + code + "'.");
    admin::change_site_settings(tx, *site_id, code, settings, audit::cli_actor());
  });
  if (rc == 0 && settings.session_idle_minutes) {
    std::cout << "Site " << code << ": sessions end after " << *settings.session_idle_minutes << " minutes unused.\n";
  }
  if (rc == 0 && (settings.time_zone || settings.clear_time_zone)) {
    std::cout << "Site " << code << ": times are shown in "
              << (settings.time_zone ? *settings.time_zone : std::string("the installation's time zone")) << ".\n";
  }
  return rc;
}

}  // namespace cj::cli
