// Reading YAML nodes into typed values, collecting problems with line numbers instead of
// throwing. Internal to the workflows library.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/status.h"

namespace cj::workflows {

class YamlReader {
 public:
  explicit YamlReader(std::string source_name) : source_(std::move(source_name)) {}

  // Parses `text`; on a syntax error records a problem and returns nullopt.
  std::optional<YAML::Node> load(std::string_view text);

  static int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }
  void problem(const YAML::Node& node, std::string message);
  void problem(int line, std::string message) { problems_.push_back({source_, line, std::move(message)}); }

  // map[key] as text/number/bool/list of text. `required` records a problem when absent; a value
  // of the wrong shape is always a problem.
  std::optional<std::string> text(const YAML::Node& map, std::string_view key, bool required = false);
  std::optional<double> number(const YAML::Node& map, std::string_view key, bool required = false);
  std::optional<bool> flag(const YAML::Node& map, std::string_view key);
  std::vector<std::string> texts(const YAML::Node& map, std::string_view key);
  // Records a problem for every key of `map` not in `known` (catches typos such as `max_C`).
  void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> known);

  const std::string& source() const { return source_; }
  Problems& problems() { return problems_; }

 private:
  std::string source_;
  Problems problems_;
};

}  // namespace cj::workflows
