// Helpers for the workflows tests: the test data next to this file (sites, contexts, scenarios)
// and definitions loaded with a test site.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "workflows/json_io.h"
#include "workflows/product_catalog.h"
#include "workflows/site_config.h"

namespace cj::workflows::testing {

// From the source tree's absolute path, not __FILE__: with ccache's base_dir (CCACHE_BASEDIR)
// __FILE__ is relative to the build directory, and gtest discovery runs elsewhere.
inline std::filesystem::path data_dir() {
  return std::filesystem::path(CELLJOURNEY_SOURCE_DIR) / "tests" / "workflows";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) ADD_FAILURE() << "cannot read " << path;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline std::string problems_text(const Problems& problems) {
  std::string text;
  for (const Problem& problem : problems) text += problem.to_string() + "\n";
  return text;
}

// tests/workflows/sites/<name>.yaml.
inline SiteConfig test_site(const std::string& name = "test_eu") {
  auto site = parse_site_config(read_text(data_dir() / "sites" / (name + ".yaml")), name + ".yaml");
  if (!site.ok()) {
    ADD_FAILURE() << problems_text(site.error());
    return {};
  }
  return std::move(site).value();
}

// The embedded product `name` with `site`; fails the test when it does not load.
inline Definition test_product(const std::string& name, const SiteConfig& site) {
  auto definition = load_embedded_product(name, &site);
  if (!definition.ok()) {
    ADD_FAILURE() << problems_text(definition.error());
    return {};
  }
  return std::move(definition).value();
}

// tests/workflows/contexts/<name>.json.
inline Context test_context(const std::string& name) {
  auto context = context_from_json(boost::json::parse(read_text(data_dir() / "contexts" / (name + ".json"))));
  if (!context.ok()) {
    ADD_FAILURE() << problems_text(context.error());
    return {};
  }
  return std::move(context).value();
}

}  // namespace cj::workflows::testing
