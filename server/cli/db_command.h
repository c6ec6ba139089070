// `celljourney db migrate|status`: schema migrations by hand.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `db`. Returns the process exit code.
int run_db_command(const std::vector<std::string>& args);

}  // namespace cj::cli
