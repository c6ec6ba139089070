// `celljourney user badge USERNAME CODE` and `celljourney user pin USERNAME` (the PIN on the
// first line of standard input): a person's badge and PIN for signing in at stations.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `user` ("badge" or "pin" first). Returns the exit code.
int run_user_credentials_command(const std::vector<std::string>& args);

}  // namespace cj::cli
