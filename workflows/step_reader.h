// Reading one step (or a product's overlay of it) and the rules inside it from YAML, filling
// site-set and regional values from the site configuration. Internal to the workflows library.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

#include "workflows/definition.h"
#include "workflows/site_config.h"
#include "workflows/yaml_reader.h"

namespace cj::workflows {

class StepReader {
 public:
  // open_values (with no site): a site-set or regional value is left unset instead of being a
  // problem, for the core journey's outline (forms without a product).
  StepReader(YamlReader& reader, const SiteConfig* site, bool open_values = false)
      : reader_(reader), site_(site), open_values_(open_values && site == nullptr) {}

  // Lays `node` over `step`: single values present replace, lists add, fields replace by name.
  void read_step(const YAML::Node& node, StepRule& step);
  std::optional<StorageRule> read_storage(const YAML::Node& node);

  // A value that may be written as itself, as `site_set`, or as a mapping by region
  // ({EU: 1, US: site_set}). `key` is "<rule>.<attribute>", the name a site file gives it by.
  // Sets `literal` when the file itself wrote the value (then the rule needs a `source`).
  std::optional<std::string> resolve(const YAML::Node& node, const std::string& key, bool& literal);
  std::optional<double> resolve_number(const YAML::Node& map, std::string_view attribute, const std::string& rule,
                                       bool& literal);
  std::optional<Duration> resolve_duration(const YAML::Node& map, std::string_view attribute, const std::string& rule,
                                           bool& literal);

 private:
  FieldRule read_field(const std::string& name, const YAML::Node& node);
  WindowRule read_window(const YAML::Node& node);
  TemperatureRule read_temperature(const YAML::Node& node);
  ChecklistQuestion read_question(const YAML::Node& node);
  std::optional<Breach> read_breach(const YAML::Node& map, std::string_view key);
  // A rule that writes a number itself must say where the number comes from.
  void require_source(const YAML::Node& node, const std::string& rule, bool literal, std::string& source);

  YamlReader& reader_;
  const SiteConfig* site_;
  bool open_values_;
};

}  // namespace cj::workflows
