// `celljourney site set CODE --session-idle-minutes N`: a site's settings from the server's own
// shell (the same checks and admin_log entry as PUT /api/v1/sites/{code}/settings).
// Exit codes: 0 done, 1 refused or failed (message on stderr), 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `site set`.
int run_site_set_command(const std::vector<std::string>& args);

}  // namespace cj::cli
