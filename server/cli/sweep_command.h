// `celljourney sweep`: one deadline sweep now (what `serve` does every --sweep-interval), for
// operations and tests: every open journey's overdue obligations raised as OVERDUE deviations.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `sweep`. Prints "N journeys checked, M OVERDUE deviations raised" (and
/// the journeys skipped or failed) to stdout; logs go to stderr. Returns 0 when every journey
/// was swept or skipped for its rules or another sweeper, 1 when the database cannot be had
/// or a journey's sweep failed, 2 for usage errors.
int run_sweep_command(const std::vector<std::string>& args);

}  // namespace cj::cli
