#include "workflows/site_config.h"

#include "workflows/codes.h"
#include "workflows/yaml_reader.h"

namespace cj::workflows {
namespace {

void read_duration_limit(YamlReader& reader, const SiteConfig& site, std::string_view key, Duration& limit) {
  const auto found = site.values.find(key);
  if (found == site.values.end()) return;
  if (const auto duration = parse_duration(found->second.text)) {
    limit = *duration;
  } else {
    reader.problem(found->second.line,
                   "`" + std::string(key) + "` must be a duration like \"30 min\", not '" + found->second.text + "'");
  }
}

bool known_deviation_code(std::string_view name) {
  for (const CodeInfo& info : code_catalogue()) {
    if (info.name == name && info.kind == Kind::Deviation) return true;
  }
  return false;
}

void read_blocking_codes(YamlReader& reader, SiteConfig& site) {
  const auto found = site.values.find("core/blocking-deviations.add");
  if (found == site.values.end()) return;
  std::string_view rest = found->second.text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    if (known_deviation_code(item)) {
      site.safety.blocking_codes.emplace_back(item);
    } else {
      reader.problem(found->second.line, "`core/blocking-deviations.add` names '" + std::string(item) +
                                             "', which is not a deviation code (docs/deviations.md)");
    }
  }
}

}  // namespace

const StorageLocation* SiteConfig::find_storage_location(std::string_view location) const {
  for (const StorageLocation& candidate : storage_locations) {
    if (location.starts_with(candidate.prefix) &&
        (location.size() == candidate.prefix.size() || location[candidate.prefix.size()] == '/')) {
      return &candidate;
    }
  }
  return nullptr;
}

static void read_site_config(YamlReader& reader, std::string_view yaml_text, SiteConfig& site) {
  if (const auto root = reader.load(yaml_text)) {
    reader.only_keys(*root, {"site", "region", "storage_locations", "values"});
    site.name = reader.text(*root, "site", true).value_or("");
    site.region = reader.text(*root, "region", true).value_or("");
    // A mapping (or a scalar) where a list is expected is a problem to name, not a node to read
    // as one: yaml-cpp throws InvalidNode for that (found by tests/fuzz/api_request_fuzz.cpp).
    const YAML::Node locations = (*root)["storage_locations"];
    if (locations && !locations.IsSequence())
      reader.problem(locations, "`storage_locations` must be a list of {prefix, min_c, max_c, source}");
    const bool listed = locations && locations.IsSequence();
    for (const YAML::Node& location : listed ? locations : YAML::Node(YAML::NodeType::Sequence)) {
      reader.only_keys(location, {"prefix", "min_c", "max_c", "source"});
      const auto prefix = reader.text(location, "prefix", true);
      const auto min_c = reader.number(location, "min_c", true);
      const auto max_c = reader.number(location, "max_c", true);
      reader.text(location, "source", true);
      if (prefix && min_c && max_c) site.storage_locations.push_back({*prefix, *min_c, *max_c});
    }
    if (const YAML::Node values = (*root)["values"]) {
      if (!values.IsMap())
        reader.problem(values, "`values` must be a mapping of \"<rule>.<attribute>\" to {value, source}");
      for (const auto& entry : values.IsMap() ? values : YAML::Node(YAML::NodeType::Map)) {
        const YAML::Node& item = entry.second;
        const int line = YamlReader::line_of(entry.first);
        if (!item.IsMap()) {
          reader.problem(line, "`" + entry.first.Scalar() + "` must be {value: ..., source: ...}");
          continue;
        }
        reader.only_keys(item, {"value", "source"});
        const auto value = reader.text(item, "value", true);
        const auto source = reader.text(item, "source", true);
        if (value && source) site.values[entry.first.Scalar()] = {*value, *source, line};
      }
    }
  }
}

Result<SiteConfig> parse_site_config(std::string_view yaml_text, std::string_view source_name) {
  YamlReader reader{std::string(source_name)};
  SiteConfig site;
  site.source_name = source_name;
  // Any other shape yaml-cpp cannot read as expected (a scalar where a mapping is expected...)
  // is a problem of the file too, never an exception out of the check (fuzzing found two).
  try {
    read_site_config(reader, yaml_text, site);
  } catch (const YAML::Exception& error) {
    reader.problem(error.mark.line >= 0 ? error.mark.line + 1 : 0, "not a site configuration: " + error.msg);
  }
  read_duration_limit(reader, site, "core/bedside-check.max", site.safety.bedside_check_window);
  read_duration_limit(reader, site, "core/clock-skew.max", site.safety.clock_skew);
  read_blocking_codes(reader, site);
  if (!reader.problems().empty()) return std::move(reader.problems());
  return site;
}

}  // namespace cj::workflows
