#include "server/cli/admin_commands.h"

#include <functional>
#include <iostream>

#include <boost/program_options.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "server/admin/qualifications.h"
#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "base/failure.h"
#include "server/auth/password_quality.h"
#include "server/auth/secrets.h"
#include "server/cli/admin_transaction.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/cli/password_prompt.h"
#include "server/cli/user_credentials_command.h"
#include "server/storage/migrations.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {

constexpr int kDone = 0, kFailed = 1, kUsage = 2, kContinue = -1;

// Parses `<command> add ...`; prints help or the error. Returns kContinue when the command
// should run.
int parse(const std::string& command, const std::string& usage, const std::vector<std::string>& args,
          po::options_description& desc, const po::positional_options_description& positional, po::variables_map& vm) {
  if (args.empty() || args[0] != "add") {
    desc.add_options()("help,h", "show this help");
    const bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
    (help ? std::cout : std::cerr) << usage << desc;
    return help ? kDone : kUsage;
  }
  auto done = parse_command_line(command + " add", usage, {args.begin() + 1, args.end()}, desc, vm, &positional);
  return done ? *done : kContinue;
}

// Opens and migrates the database, runs change in one transaction and commits it.
int with_database(const std::string& command, const DatabaseChoice& choice,
                  const std::function<void(pqxx::work&)>& change) {
  return run_admin_transaction("celljourney " + command + " add: ", choice, change);
}

}  // namespace

int run_site_command(const std::vector<std::string>& args) {
  const std::string usage = "usage: celljourney site add --code CODE --name NAME --fin FIN\n\n";
  admin::NewSite site;
  DatabaseChoice choice;
  po::options_description desc("celljourney site add options");
  desc.add_options()("code", po::value(&site.code)->required(), "short lowercase handle, e.g. city-hospital")(
      "name", po::value(&site.name)->required(), "the site's full name")(
      "fin", po::value(&site.fin)->required(), "ISBT 128 Facility Identification Number (5 characters)");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (int rc = parse("site", usage, args, desc, {}, vm); rc != kContinue) return rc;
  const int rc =
      with_database("site", choice, [&](pqxx::work& tx) { admin::create_site(tx, site, audit::cli_actor()); });
  if (rc == kDone) std::cout << "Site " << site.code << " (" << site.name << ", FIN " << site.fin << ") added.\n";
  return rc;
}

int run_user_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "badge" || args[0] == "pin")) return run_user_credentials_command(args);
  const std::string usage =
      "usage: celljourney user add USERNAME --name \"Display Name\" --role ROLE@SITE [--role ...] [--password-stdin]\n\n"
      "Without --password-stdin the password is asked twice on the terminal. Roles: apheresis, cell_lab,\n"
      "clinical, physician, coordinator, qa, admin.\n"
      "       celljourney user badge USERNAME CODE | celljourney user pin USERNAME (PIN on stdin)\n\n";
  admin::NewUser user;
  std::vector<std::string> roles;
  DatabaseChoice choice;
  po::options_description desc("celljourney user add options");
  desc.add_options()("username", po::value(&user.username)->required(), "login name (also the first argument)")(
      "name", po::value(&user.display_name)->required(), "the person's name as shown and printed on signatures")(
      "role", po::value(&roles)->required(), "ROLE@SITE, repeatable")(
      "password-stdin", po::bool_switch(), "read the password from the first line of standard input");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("username", 1);
  po::variables_map vm;
  if (int rc = parse("user", usage, args, desc, positional, vm); rc != kContinue) return rc;
  try {
    admin::check_username(user.username, "username");
    for (const auto& r : roles) user.roles.push_back(admin::parse_role_at_site(r, "role"));
  } catch (const base::Failure& e) {
    std::cerr << "celljourney user add: " << e.what() << "\n";
    return kUsage;
  }
  std::string error;
  auto password = vm["password-stdin"].as<bool>() ? read_password_line(std::cin, error) : prompt_new_password(error);
  if (!password) {
    std::cerr << "celljourney user add: " << error << "\n";
    return kFailed;
  }
  // Refused before the database is opened: a weak password should not cost a cluster start.
  if (auto problem = auth::password_problem(*password, user.username); !problem.empty()) {
    std::cerr << "celljourney user add: " << problem << "\n";
    return kFailed;
  }
  user.password = std::move(*password);
  const int rc =
      with_database("user", choice, [&](pqxx::work& tx) { admin::create_user(tx, user, audit::cli_actor()); });
  if (rc == kDone) {
    std::cout << "User " << user.username << " (" << user.display_name << ") added with roles";
    for (const auto& r : user.roles) std::cout << " " << r.role << "@" << r.site;
    std::cout << ".\n";
  }
  return rc;
}

int run_station_command(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: celljourney station add CODE --site SITE --name NAME\n\n"
      "Prints the station's key once; it cannot be shown again.\n\n";
  admin::NewStation station;
  DatabaseChoice choice;
  po::options_description desc("celljourney station add options");
  desc.add_options()("code", po::value(&station.code)->required(),
                     "station code (also the first argument), e.g. CL-01")("site", po::value(&station.site)->required(),
                                                                           "code of the site it belongs to")(
      "name", po::value(&station.name)->required(), "where it is, e.g. \"Cell lab bench 1\"");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("code", 1);
  po::variables_map vm;
  if (int rc = parse("station", usage, args, desc, positional, vm); rc != kContinue) return rc;
  std::string key;
  const int rc = with_database("station", choice,
                               [&](pqxx::work& tx) { key = admin::create_station(tx, station, audit::cli_actor()); });
  if (rc == kDone) {
    std::cout << "Station " << station.code << " added at site " << station.site << ".\n"
              << "Its key, shown this once (configure the station with it now):\n"
              << key << "\n";
  }
  return rc;
}

int run_qualification_command(const std::vector<std::string>& args) {
  const std::string usage =
      "usage: celljourney qualification add USERNAME QUALIFICATION --from DATE [--until DATE] [--centre NAME]\n\n"
      "QUALIFICATION is car-t-core or a product definition's `qualification` (kymriah, yescarta, ...).\n"
      "Dates are YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM:SSZ.\n\n";
  std::string username;
  admin::NewQualification q;
  std::string until, centre;
  DatabaseChoice choice;
  po::options_description desc("celljourney qualification add options");
  desc.add_options()("username", po::value(&username)->required(), "whose (also the first argument)")(
      "qualification", po::value(&q.qualification)->required(), "which (also the second argument)")(
      "from", po::value(&q.valid_from)->required(), "valid from")("until", po::value(&until),
                                                                  "valid until (none: no end)")(
      "centre", po::value(&centre), "issuing centre, when another centre trained the person");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("username", 1).add("qualification", 1);
  po::variables_map vm;
  if (int rc = parse("qualification", usage, args, desc, positional, vm); rc != kContinue) return rc;
  if (vm.count("until")) q.valid_until = until;
  if (vm.count("centre")) q.issuing_centre = centre;
  const int rc = with_database("qualification", choice, [&](pqxx::work& tx) {
    const auto id = admin::find_user(tx, username);
    if (!id) throw base::Failure::not_found("There is no user '" + username + "'.");
    admin::add_qualification(tx, *id, username, q, audit::cli_actor());
  });
  if (rc == kDone) std::cout << "Qualification " << q.qualification << " recorded for " << username << ".\n";
  return rc;
}

}  // namespace cj::cli
