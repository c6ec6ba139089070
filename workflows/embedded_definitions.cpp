#include "workflows/embedded_definitions.h"

namespace cj::workflows {

std::optional<std::string_view> find_embedded_definition(std::string_view name) {
  for (const EmbeddedDefinition& definition : embedded_definitions()) {
    if (definition.name == name) return definition.text;
  }
  return std::nullopt;
}

}  // namespace cj::workflows
