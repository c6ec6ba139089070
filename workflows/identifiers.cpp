#include "workflows/identifiers.h"

#include <regex>

namespace cj::workflows {

const IdentifierRule* find_identifier(const Definition& definition, std::string_view kind) {
  for (const IdentifierRule& rule : definition.identifiers) {
    if (rule.kind == kind) return &rule;
  }
  return nullptr;
}

std::optional<std::string> identifier_problem(const IdentifierRule& rule, std::string_view value) {
  const std::string name = rule.label.empty() ? rule.kind : rule.label;
  if (value.empty()) return name + " is empty: type it as the manufacturer gave it, or leave it out.";
  if (value.size() > kMaxIdentifierLength)
    return name + " has " + std::to_string(value.size()) + " characters; at most " +
           std::to_string(kMaxIdentifierLength) + ".";
  for (const char c : value) {
    if (c < 0x20 || c > 0x7e)
      return name +
             " holds a character that is not printable ASCII (a control character or a letter with an "
             "accent): type it again.";
  }
  if (value.front() == ' ' || value.back() == ' ') return name + " starts or ends with a space.";
  if (!rule.pattern.empty() && !std::regex_match(value.begin(), value.end(), std::regex(rule.pattern))) {
    std::string message = name + " '" + std::string(value) + "' is not in the manufacturer's format";
    if (!rule.example.empty()) message += " (for example " + rule.example + ")";
    return message + ": check it against the manufacturer's order confirmation.";
  }
  return std::nullopt;
}

}  // namespace cj::workflows
