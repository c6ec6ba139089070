// Loading a product definition from YAML text: the core journey, one product's file laid over
// it, and a site configuration for the values the labels read so far do not give.
//
// Pure: takes text, never opens files (the CLI and the server read or embed them).
#pragma once

#include <string_view>

#include "workflows/definition.h"
#include "workflows/site_config.h"
#include "workflows/status.h"

namespace cj::workflows {

struct DefinitionText {
  std::string_view text;         // the YAML
  std::string_view source_name;  // for messages: "core.yaml", "products/kymriah.yaml"
};

// The core journey with `product` laid over it: product steps override the core's single
// values (roles, witnesses, ...), add to its lists (windows, temperatures, checklist), replace a
// field of the same name, and may add steps. `site` fills every `site_set` value and picks
// regional values; nullptr means no site (then any site-set or regional value is a problem).
//
// Problems (every one found, each with its file and line): YAML syntax, unknown keys, values of
// the wrong shape, a rule with a number but no `source`, a site-set value the site does not give
// ("yescarta/storage.max_c is site-set ..."), an unknown step in `after` or `from`, a step not
// reachable from `order`, a cycle of predecessors, a `schedule:` lead time that does not read
// (workflows/schedule_rules.h).
Result<Definition> load_definition(const DefinitionText& core, const DefinitionText& product, const SiteConfig* site);

// The core journey alone (for `workflows check core.yaml`), with the same checks.
Result<Definition> load_core_definition(const DefinitionText& core, const SiteConfig* site);

// The core journey's outline: as load_core_definition() with no site, but every site-set or
// regional value left unset rather than a problem (the forms of the core journey, which hold no
// product or site rule).
Result<Definition> load_core_outline(const DefinitionText& core);

}  // namespace cj::workflows
