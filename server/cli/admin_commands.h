// The administration commands: what an operator runs on the server itself, above all to create
// the first site and the first administrator (nobody can log in before one exists).
//
//   celljourney site add --code CODE --name NAME --fin FIN
//   celljourney user add USERNAME --name "Display Name" --role ROLE@SITE [--role ...] [--password-stdin]
//   celljourney station add CODE --site SITE --name NAME          (prints the key, once)
//   celljourney qualification add USERNAME QUALIFICATION --from DATE [--until DATE] [--centre NAME]
//
// Each takes --database/--data-dir, applies pending migrations first, and refuses exactly what
// the API refuses, with the same messages. Changes are recorded in admin_log as "cli:<os user>".
// Exit codes: 0 done, 1 refused or failed (message on stderr), 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows the command word (`site`, `user`, ...).
int run_site_command(const std::vector<std::string>& args);
int run_user_command(const std::vector<std::string>& args);
int run_station_command(const std::vector<std::string>& args);
int run_qualification_command(const std::vector<std::string>& args);

}  // namespace cj::cli
