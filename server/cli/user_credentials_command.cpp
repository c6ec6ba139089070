#include "server/cli/user_credentials_command.h"

#include <iostream>

#include <boost/program_options.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/admin/scope.h"
#include "server/audit/admin_log.h"
#include "server/auth/operator_credentials.h"
#include "server/auth/pin_rules.h"
#include "server/cli/admin_transaction.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/cli/password_prompt.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {

std::int64_t existing_user(pqxx::transaction_base& tx, const std::string& username) {
  const auto id = admin::find_user(tx, username);
  if (!id) throw base::Failure::not_found("There is no user '" + username + "'.");
  return *id;
}

}  // namespace

int run_user_credentials_command(const std::vector<std::string>& args) {
  const bool badge = args.at(0) == "badge";
  const std::string command = std::string("user ") + (badge ? "badge" : "pin");
  const std::string usage = badge ? "usage: celljourney user badge USERNAME CODE\n\n"
                                    "CODE is the badge as a scanner reads it (an ISBT 128 staff identification\n"
                                    "\"='...\" or the hospital badge's code).\n\n"
                                  : "usage: celljourney user pin USERNAME < pin-file\n\n"
                                    "The PIN (6 to 12 digits, not one digit repeated, not a run) is read from the\n"
                                    "first line of standard input; it is never printed.\n\n";
  std::string username, code;
  DatabaseChoice choice;
  po::options_description desc("celljourney " + command + " options");
  desc.add_options()("username", po::value(&username)->required(), "the person (also the first argument)");
  if (badge) desc.add_options()("code", po::value(&code)->required(), "the badge as read (second argument)");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("username", 1);
  if (badge) positional.add("code", 1);
  po::variables_map vm;
  if (auto done = parse_command_line(command, usage, {args.begin() + 1, args.end()}, desc, vm, &positional)) {
    return *done;
  }
  std::string pin;
  if (!badge) {
    std::string error;
    auto line = read_password_line(std::cin, error);
    if (!line) {
      std::cerr << "celljourney " << command << ": " << error << "\n";
      return 1;
    }
    if (auto problem = auth::pin_problem(*line); !problem.empty()) {
      std::cerr << "celljourney " << command << ": " << problem << "\n";
      return 1;
    }
    pin = std::move(*line);
  }
  const int rc = run_admin_transaction("celljourney " + command + ": ", choice, [&](pqxx::work& tx) {
    const auto id = existing_user(tx, username);
    if (badge) {
      auth::set_badge(tx, id, username, code, audit::cli_actor());
    } else {
      auth::set_pin(tx, id, username, pin, audit::cli_actor());
    }
  });
  if (rc == 0) std::cout << (badge ? "Badge of " : "PIN of ") << username << " set.\n";
  return rc;
}

}  // namespace cj::cli
