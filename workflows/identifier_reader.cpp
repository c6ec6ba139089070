#include "workflows/identifier_reader.h"

#include <regex>

namespace cj::workflows {

namespace {

bool valid_kind(const std::string& kind) {
  static const std::regex kKind("[a-z][a-z0-9_]{0,31}");
  return std::regex_match(kind, kKind);
}

// A pattern that does not compile would refuse every value at the desk: a problem of the file.
bool compiles(const std::string& pattern) {
  try {
    std::regex{pattern};
    return true;
  } catch (const std::regex_error&) {
    return false;
  }
}

IdentifierRule read_one(const YAML::Node& node, YamlReader& reader) {
  IdentifierRule rule;
  rule.line = YamlReader::line_of(node);
  reader.only_keys(node, {"kind", "label", "required", "pattern", "example", "source", "note"});
  rule.kind = reader.text(node, "kind", true).value_or("");
  rule.label = reader.text(node, "label", true).value_or("");
  rule.required = reader.flag(node, "required").value_or(false);
  rule.pattern = reader.text(node, "pattern").value_or("");
  rule.example = reader.text(node, "example").value_or("");
  rule.source = reader.text(node, "source").value_or("");
  if (!rule.kind.empty() && !valid_kind(rule.kind))
    reader.problem(node, "identifier kind `" + rule.kind + "` must be lowercase letters, digits and _");
  if (!rule.pattern.empty() && !compiles(rule.pattern))
    reader.problem(node, "identifier `" + rule.kind + "`: the pattern is not a valid regular expression");
  if (!rule.pattern.empty() && rule.source.empty())
    reader.problem(node, "identifier `" + rule.kind + "`: a pattern needs a `source` (where the format is documented)");
  if (!rule.example.empty() && !rule.pattern.empty() && compiles(rule.pattern) &&
      !std::regex_match(rule.example, std::regex(rule.pattern)))
    reader.problem(node, "identifier `" + rule.kind + "`: the example does not match the pattern");
  return rule;
}

}  // namespace

void read_identifiers(const YAML::Node& node, YamlReader& reader, Definition& definition) {
  if (!node) return;
  if (!node.IsSequence()) {
    reader.problem(node, "`identifiers` must be a list of {kind, label, ...}");
    return;
  }
  for (const auto& item : node) {
    if (!item.IsMap()) {
      reader.problem(item, "each identifier is a mapping with kind and label");
      continue;
    }
    IdentifierRule rule = read_one(item, reader);
    for (const IdentifierRule& other : definition.identifiers) {
      if (other.kind == rule.kind) reader.problem(item, "identifier kind `" + rule.kind + "` is listed twice");
    }
    definition.identifiers.push_back(std::move(rule));
  }
}

}  // namespace cj::workflows
