#include "workflows/yaml_reader.h"
#include "workflows/text.h"

#include <algorithm>

namespace cj::workflows {

std::optional<YAML::Node> YamlReader::load(std::string_view text) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) {
      problem(1, "expected a YAML mapping at the top of the file");
      return std::nullopt;
    }
    return root;
  } catch (const YAML::Exception& error) {
    problem(error.mark.line >= 0 ? error.mark.line + 1 : 0, "not valid YAML: " + error.msg);
    return std::nullopt;
  }
}

void YamlReader::problem(const YAML::Node& node, std::string message) {
  problems_.push_back({source_, line_of(node), std::move(message)});
}

std::optional<std::string> YamlReader::text(const YAML::Node& map, std::string_view key, bool required) {
  const YAML::Node node = map[std::string(key)];
  if (!node) {
    if (required) problem(map, cat({"missing `", key, "`"}));
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    problem(node, cat({"`", key, "` must be a single value"}));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> YamlReader::number(const YAML::Node& map, std::string_view key, bool required) {
  const auto value = text(map, key, required);
  if (!value) return std::nullopt;
  try {
    std::size_t used = 0;
    const double number = std::stod(*value, &used);
    if (used == value->size()) return number;
  } catch (const std::exception&) {
  }
  problem(map[std::string(key)], cat({"`", key, "` must be a number, not '", *value, "\'"}));
  return std::nullopt;
}

std::optional<bool> YamlReader::flag(const YAML::Node& map, std::string_view key) {
  const auto value = text(map, key);
  if (!value) return std::nullopt;
  if (*value == "true" || *value == "yes") return true;
  if (*value == "false" || *value == "no") return false;
  problem(map[std::string(key)], cat({"`", key, "` must be true or false"}));
  return std::nullopt;
}

std::vector<std::string> YamlReader::texts(const YAML::Node& map, std::string_view key) {
  const YAML::Node node = map[std::string(key)];
  std::vector<std::string> values;
  if (!node) return values;
  if (!node.IsSequence()) {
    problem(node, cat({"`", key, "` must be a list, like [a, b]"}));
    return values;
  }
  for (const YAML::Node& item : node) {
    if (item.IsScalar()) {
      values.push_back(item.Scalar());
    } else {
      problem(item, cat({"`", key, "` items must be single values"}));
    }
  }
  return values;
}

void YamlReader::only_keys(const YAML::Node& map, std::initializer_list<std::string_view> known) {
  if (!map.IsMap()) return;
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      problem(entry.first, "unknown key `" + key + "`");
    }
  }
}

}  // namespace cj::workflows
