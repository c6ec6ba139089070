// The product definitions compiled into the program: core.yaml and products/*.yaml, as they were
// in the source tree at build time (workflows/CMakeLists.txt generates the table).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace cj::workflows {

struct EmbeddedDefinition {
  std::string_view name;  // "core.yaml", "products/kymriah.yaml"
  std::string_view text;  // the file's exact bytes
};

// Every embedded file, sorted by name.
std::span<const EmbeddedDefinition> embedded_definitions();

// The text of `name`, or nullopt.
std::optional<std::string_view> find_embedded_definition(std::string_view name);

}  // namespace cj::workflows
