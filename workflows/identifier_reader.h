// Reading a product file's `identifiers:` list (the manufacturer's identifiers of a journey).
// Internal to the workflows library.
#pragma once

#include <yaml-cpp/yaml.h>

#include "workflows/definition.h"
#include "workflows/yaml_reader.h"

namespace cj::workflows {

// identifiers:
//   - kind: order_id          # [a-z][a-z0-9_]*, once per product
//     label: Order ID         # for people
//     required: true          # optional, false by default
//     pattern: "[0-9]{10}"    # optional: the whole value must match (ECMAScript)
//     example: "1234567890"   # optional: must match the pattern
//     source: "..."           # required with a pattern: where the format is documented
// Appends to definition.identifiers; problems go to reader.
void read_identifiers(const YAML::Node& node, YamlReader& reader, Definition& definition);

}  // namespace cj::workflows
