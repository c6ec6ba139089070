// `celljourney audit verify`: recomputes every journey's hash chain (docs/audit.md).
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `audit`. Exit code: 0 every chain intact, 1 a chain is broken (or the
/// database cannot be opened or migrated), 2 usage error.
int run_audit_command(const std::vector<std::string>& args);

}  // namespace cj::cli
