// `celljourney site rules CODE FILE`: sets a site's rules configuration (the site-set product
// values and qualified storage locations, workflows/site_config.h) from a YAML file.
//
// The same checks as PUT /api/v1/sites/{code}/rules: the file must read, and every product of
// the site's open journeys must still load with it. Prints which products are usable at the
// site and, for the others, the site-set values still missing. Logged in admin_log as
// "cli:<os user>". Takes --database/--data-dir and applies pending migrations first.
// Exit codes: 0 stored, 1 refused or failed (problems on stderr), 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `site rules` (CODE FILE [--database URL | --data-dir DIR]).
int run_site_rules_command(const std::vector<std::string>& args);

}  // namespace cj::cli
