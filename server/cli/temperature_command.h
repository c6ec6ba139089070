// `celljourney temperature import FILE --journey COI [--zone Europe/Berlin] ...`: a data
// logger's CSV export recorded as the journey's temperature evidence, straight into the
// database (as POST /api/v1/journeys/{coi}/temperature does; docs/coldchain.md): each reading
// once, excursions and gaps raised as deviations, the board row refreshed.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `temperature`. Prints "N readings recorded, M already recorded, K
/// deviations raised" to out. A file with a bad row is refused whole: every bad row to err as
/// "FILE:LINE: message", nothing recorded. Returns 0 when recorded, 1 when refused or the
/// database cannot be had, 2 for usage errors.
int run_temperature_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace cj::cli
