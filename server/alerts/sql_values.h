// Internal to server/alerts: optional values as libpqxx 6 parameters (Debian's build binds no
// std::optional: a NULL is a null const char*, a number travels as its text).
#pragma once

#include <optional>
#include <string>

namespace cj::alerts::detail {

/// The text, or a null pointer (SQL NULL). The optional must outlive the statement.
inline const char* text_or_null(const std::optional<std::string>& text) { return text ? text->c_str() : nullptr; }

/// A number as parameter text, or nullopt (bind it with text_or_null).
inline std::optional<std::string> number_text(const std::optional<int>& n) {
  if (!n) return std::nullopt;
  return std::to_string(*n);
}

}  // namespace cj::alerts::detail
