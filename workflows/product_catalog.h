// The products compiled into the program (embedded_definitions.h), loaded by name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "workflows/definition.h"
#include "workflows/site_config.h"
#include "workflows/status.h"

namespace cj::workflows {

// "abecma", "aucatzyl", ...: the names of products/*.yaml, sorted.
std::vector<std::string> embedded_product_names();

// The embedded core with products/<name>.yaml over it (see load_definition()). Problems: no such
// product (the message lists the known ones), and every problem load_definition() can give.
Result<Definition> load_embedded_product(std::string_view name, const SiteConfig* site);

// The embedded core journey's outline (load_core_outline()): loaded once, shared, never fails
// for the embedded text (a test loads it).
const Definition& embedded_core_outline();

}  // namespace cj::workflows
