// The demo site's rules configuration (workflows/site_config.h): placeholder site-set values
// that let every product load, each marked DEMO ONLY. Internal to server/demo/.
#pragma once

namespace cj::demo {

/// The YAML text PUT to /api/v1/sites/demo/rules.
const char* demo_rules_yaml();

}  // namespace cj::demo
