// Internal to server/journal: turning values into libpqxx 6 parameters and back. libpqxx 6 has
// no std::optional (Debian's build) and no array parameters: a NULL is a null const char*,
// and a text[] travels as a JSON array (SQL: ARRAY(SELECT jsonb_array_elements_text($n::jsonb))),
// read back as to_jsonb(column)::text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cj::journal::detail {

/// The text, or a null pointer (SQL NULL). The optional must outlive the statement.
inline const char* text_or_null(const std::optional<std::string>& text) { return text ? text->c_str() : nullptr; }

/// A number as parameter text, or nullopt.
inline std::optional<std::string> number_text(const std::optional<std::int64_t>& n) {
  if (!n) return std::nullopt;
  return std::to_string(*n);
}

/// ["a","b"]: a JSON array of the strings.
std::string json_array_text(const std::vector<std::string>& values);
/// The strings of a JSON array of strings (what to_jsonb(text[])::text gives). Throws
/// std::runtime_error when it is not one.
std::vector<std::string> strings_from_json_array(std::string_view json);

}  // namespace cj::journal::detail
