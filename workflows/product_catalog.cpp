#include "workflows/product_catalog.h"

#include "workflows/definition_loader.h"
#include "workflows/embedded_definitions.h"

#include <stdexcept>

namespace cj::workflows {
namespace {

constexpr std::string_view kPrefix = "products/";
constexpr std::string_view kSuffix = ".yaml";

}  // namespace

std::vector<std::string> embedded_product_names() {
  std::vector<std::string> names;
  for (const EmbeddedDefinition& file : embedded_definitions()) {
    if (file.name.starts_with(kPrefix) && file.name.ends_with(kSuffix)) {
      names.emplace_back(file.name.substr(kPrefix.size(), file.name.size() - kPrefix.size() - kSuffix.size()));
    }
  }
  return names;
}

Result<Definition> load_embedded_product(std::string_view name, const SiteConfig* site) {
  const std::string file = std::string(kPrefix) + std::string(name) + std::string(kSuffix);
  const auto core = find_embedded_definition("core.yaml");
  const auto product = find_embedded_definition(file);
  if (!core || !product) {
    std::string known;
    for (const std::string& product_name : embedded_product_names())
      known += (known.empty() ? "" : ", ") + product_name;
    return Problem{"", 0, "no product '" + std::string(name) + "' (known: " + known + ")"};
  }
  return load_definition({*core, "core.yaml"}, {*product, file}, site);
}

const Definition& embedded_core_outline() {
  static const Definition outline = [] {
    const auto core = find_embedded_definition("core.yaml");
    auto loaded = load_core_outline({core.value_or(""), "core.yaml"});
    if (!loaded.ok())
      throw std::runtime_error("the embedded core.yaml does not load: " + loaded.error().front().to_string());
    return std::move(loaded.value());
  }();
  return outline;
}

}  // namespace cj::workflows
