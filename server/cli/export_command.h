// `celljourney export`: the registry CSV or the FHIR R4 Bundle of a date range, from the
// command line (docs/export.md). Same output and same audit row as GET /api/v1/export; the
// actor is cli:<operating-system user>, who reaches the database directly and sees every site
// (or the one named with --site).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `export`. Exit code: 0 written, 1 the database failed, 2 usage error.
int run_export_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace cj::cli
