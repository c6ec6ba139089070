// `celljourney serve`: the system of record, on its own private PostgreSQL unless told otherwise.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `serve`. Returns the process exit code (0 after a clean stop on SIGINT or
/// SIGTERM; 1 when the database or the port cannot be had; 2 for usage errors).
int run_serve_command(const std::vector<std::string>& args);

}  // namespace cj::cli
