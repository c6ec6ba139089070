#include "server/api/json_fields.h"

#include <algorithm>
#include <chrono>

#include "base/failure.h"
#include "workflows/time_point.h"

namespace cj::api {

namespace json = boost::json;

namespace {

const char* kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "something else";
}

base::Failure missing(const std::string& field) {
  return {base::ErrorKind::invalid, "MISSING_FIELD", "The field '" + field + "' is required.", field};
}

// A NUL ends the text for PostgreSQL's C strings ("A\u0000B" would be stored as "A", and a
// username with a NUL would log in as its prefix); other control characters are invisible on a
// label, a screen or a signature. Tab and line breaks stay for free text (notes, reasons).
std::optional<std::size_t> first_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return i;
  }
  return std::nullopt;
}

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

std::string field_name(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  if (!key.empty() && key.front() == '[') return std::string(path) + std::string(key);
  return std::string(path) + "." + std::string(key);
}

void refuse_unknown_fields(const json::object& object, std::initializer_list<std::string_view> allowed,
                           std::string_view path) {
  for (const auto& entry : object) {
    const std::string_view key(entry.key().data(), entry.key().size());
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string names;
    for (auto a : allowed) {
      if (!names.empty()) names += ", ";
      names += a;
    }
    const auto field = field_name(path, key);
    throw base::Failure(base::ErrorKind::invalid, "UNKNOWN_FIELD",
                        "Unknown field '" + field + "'; the fields are: " + names + ".", field);
  }
}

std::optional<std::string> optional_string(const json::object& object, std::string_view key, std::size_t max_len,
                                           std::string_view path) {
  const auto* value = object.if_contains(key);
  if (!value || value->is_null()) return std::nullopt;
  const auto field = field_name(path, key);
  const auto* text = value->if_string();
  if (!text)
    throw base::Failure::invalid_field(field,
                                       "The field '" + field + "' must be a string, not " + kind_name(*value) + ".");
  if (blank(*text)) throw base::Failure::invalid_field(field, "The field '" + field + "' must not be empty.");
  if (const auto at = first_control_character(*text)) {
    throw base::Failure::invalid_field(field, "The field '" + field +
                                                  "' must not contain a NUL or control character (byte " +
                                                  std::to_string(*at + 1) + ").");
  }
  if (text->size() > max_len) {
    throw base::Failure::invalid_field(
        field, "The field '" + field + "' must be at most " + std::to_string(max_len) + " bytes.");
  }
  return std::string(text->data(), text->size());
}

std::string required_string(const json::object& object, std::string_view key, std::size_t max_len,
                            std::string_view path) {
  auto text = optional_string(object, key, max_len, path);
  if (!text) throw missing(field_name(path, key));
  return std::move(*text);
}

const json::array& required_array(const json::object& object, std::string_view key, std::size_t max_items,
                                  std::string_view path) {
  const auto field = field_name(path, key);
  const auto* value = object.if_contains(key);
  if (!value || value->is_null()) throw missing(field);
  const auto* array = value->if_array();
  if (!array)
    throw base::Failure::invalid_field(field,
                                       "The field '" + field + "' must be an array, not " + kind_name(*value) + ".");
  if (array->size() > max_items) {
    throw base::Failure::invalid_field(
        field, "The field '" + field + "' may have at most " + std::to_string(max_items) + " elements.");
  }
  return *array;
}

const json::object& object_element(const json::value& element, const std::string& field) {
  if (const auto* object = element.if_object()) return *object;
  throw base::Failure::invalid_field(field, "'" + field + "' must be an object, not " + kind_name(element) + ".");
}

std::string checked_utc_time(const std::string& text, std::string_view field) {
  const std::string name(field);
  auto at = workflows::parse_date(text);
  if (!at) at = workflows::parse_time(text);
  // PostgreSQL has no year 0, and a training record from before 1900 is a typing error.
  if (!at || std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*at)}.year() < std::chrono::year{1900}) {
    throw base::Failure::invalid_field(
        name, "The field '" + name + "' must be a date (YYYY-MM-DD) or " + std::string(kTimeForms) + ".");
  }
  return workflows::format_time(*at);
}

}  // namespace cj::api
