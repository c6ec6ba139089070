#include "isbt128/structure.h"

namespace cj::isbt128 {

const FieldValue* find_field(const Structure& structure, std::string_view name) {
  for (const Field& field : structure.fields) {
    if (field.name == name) return &field.value;
  }
  return nullptr;
}

std::optional<std::string_view> text_field(const Structure& structure, std::string_view name) {
  const FieldValue* value = find_field(structure, name);
  if (value == nullptr) return std::nullopt;
  if (const auto* text = std::get_if<std::string>(value)) return std::string_view(*text);
  return std::nullopt;
}

std::optional<std::int64_t> integer_field(const Structure& structure, std::string_view name) {
  const FieldValue* value = find_field(structure, name);
  if (value == nullptr) return std::nullopt;
  if (const auto* number = std::get_if<std::int64_t>(value)) return *number;
  return std::nullopt;
}

std::optional<bool> bool_field(const Structure& structure, std::string_view name) {
  const FieldValue* value = find_field(structure, name);
  if (value == nullptr) return std::nullopt;
  if (const auto* flag = std::get_if<bool>(value)) return *flag;
  return std::nullopt;
}

}  // namespace cj::isbt128
