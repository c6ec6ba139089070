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
      "usage: celljourney site set CODE --session-idle-minutes N\n\n"
      "How long (1 to 720 minutes) a browser session or a station sign-in at the site may stay\n"
      "unused before it ends. Applies at once to every open session.\n\n";
  std::string code;
  admin::SiteSettings settings;
  DatabaseChoice choice;
  po::options_description desc("celljourney site set options");
  desc.add_options()("code", po::value(&code)->required(), "the site's code (also the first argument)")(
      "session-idle-minutes", po::value(&settings.session_idle_minutes)->required(),
      "minutes a session may stay unused (1 to 720)");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("code", 1);
  po::variables_map vm;
  if (auto done = parse_command_line("site set", usage, args, desc, vm, &positional)) return *done;
  const int rc = run_admin_transaction("celljourney site set: ", choice, [&](pqxx::work& tx) {
    const auto site_id = admin::find_site(tx, code);
    if (!site_id) throw base::Failure(base::ErrorKind::not_found, "UNKNOWN_SITE", "There is no site '" + code + "'.");
    admin::change_site_settings(tx, *site_id, code, settings, audit::cli_actor());
  });
  if (rc == 0) {
    std::cout << "Site " << code << ": sessions end after " << settings.session_idle_minutes << " minutes unused.\n";
  }
  return rc;
}

}  // namespace cj::cli
