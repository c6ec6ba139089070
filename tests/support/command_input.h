// Running a celljourney command with text on its standard input (--password-stdin).
#pragma once

#include <string>
#include <vector>

#include "tests/support/server_process.h"

namespace cj::testing {

/// Runs CELLJOURNEY_BIN with args, writes input to its stdin and closes it, and collects
/// stdout and stderr together (killed after 60 s).
CommandResult run_celljourney_with_input(const std::vector<std::string>& args, const std::string& input);

}  // namespace cj::testing
