// The staff passport commands (docs/passport.md):
//
//   celljourney centre key init --name NAME --key-file FILE     create this centre's signing key
//   celljourney centre key show                                 print its public key and fingerprint
//   celljourney centre trust add --name NAME (--public-key BASE64 | --file FILE)
//   celljourney centre trust revoke --name NAME
//   celljourney passport export USERNAME --key-file FILE -o OUT
//   celljourney passport import FILE --user LOCALUSER
//
// Each takes --database/--data-dir and records what it did in admin_log as "cli:<os user>".
// The secret key is only ever in the key file (0600), never printed, never in the database.
// Exit codes: 0 done, 1 refused or failed (a refused import prints "refused CODE: why"), 2 usage.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `centre` / `passport`.
int run_centre_command(const std::vector<std::string>& args);
int run_passport_command(const std::vector<std::string>& args);

}  // namespace cj::cli
