// Structure: one ISBT 128 data structure as read from a scan or built for a label.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cj::isbt128 {

// A decoded field value: text (identifiers, codes, ISO dates), an integer (years, sequence
// numbers, counts) or a flag.
using FieldValue = std::variant<std::string, std::int64_t, bool>;

struct Field {
  std::string_view name;  // static text from the structure table ("fin", "year", ...)
  FieldValue value;
  bool operator==(const Field&) const = default;
};

// The text of a structure is data_identifier + content, except for the DIN [001], whose data
// identifier "=A" overlaps its content "A99992612345600" by one character; format() knows.
// `content` is the source of truth; `fields` is its decoded view, in a sensible reading order.
// Build structures with parse() or the make_* functions, which keep the two consistent.
struct Structure {
  std::string_view number;      // "001".."040"; empty for national structures (&a-&z, &;, &!)
  std::string_view name;        // "Donation Identification Number"
  std::string data_identifier;  // "=A" (DIN: '=' and its first character), "=<", "&,1", "&a"
  std::string content;          // what follows '=' for a DIN, what follows the DI otherwise
  std::vector<Field> fields;
  bool retired = false;   // 011, 015, 016, 037: still readable, no longer to be printed
  bool national = false;  // nationally defined content, kept opaque

  bool operator==(const Structure&) const = default;
};

// The field called `name`, or nullptr.
const FieldValue* find_field(const Structure& structure, std::string_view name);
// The field's value when it exists and has that type; nullopt otherwise.
std::optional<std::string_view> text_field(const Structure& structure, std::string_view name);
std::optional<std::int64_t> integer_field(const Structure& structure, std::string_view name);
std::optional<bool> bool_field(const Structure& structure, std::string_view name);

}  // namespace cj::isbt128
