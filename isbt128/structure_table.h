// The table of ISBT 128 data structures (ST-001 Table 2 [RT003]): what parse() and format()
// walk. One descriptor per structure: data identifier, content length rule, character classes
// per position (see char_class.h), field layout, and an optional decoder for what a layout
// cannot say (meanings, check characters, cross-field rules).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "isbt128/error.h"
#include "isbt128/structure.h"

namespace cj::isbt128 {

enum class FieldKind : std::uint8_t {
  Text,               // the characters as they are (identifiers, codes)
  Integer,            // digits read as a number
  JulianDate,         // cyyjjj -> "2026-11-20"
  JulianDateTime,     // cyyjjjhhmm -> "2026-11-20T10:15"
  GregorianDate,      // yyyymmdd -> "2026-11-20"
  GregorianMonth,     // yyyymm -> "2026-11"
  GregorianDateTime,  // yyyymmddhhmm -> "2026-11-20T10:15"
};

inline constexpr std::uint8_t kToEnd = 0xFF;  // FieldLayout::length: up to the end of the content

struct FieldLayout {
  std::string_view name;
  std::uint8_t offset;  // into the content
  std::uint8_t length;  // or kToEnd
  FieldKind kind;
};

enum class LengthRule : std::uint8_t {
  Fixed,                 // content is exactly pattern.size() characters
  Counted,               // pattern is a head holding a count; count x unit_pattern follow (025, 029, 030)
  ToNextDataIdentifier,  // national content: up to the next valid data identifier or the end
};

struct StructureDescriptor;

// What a decoder hook sees: the validated content and where it starts in the parsed text.
struct HookInput {
  const StructureDescriptor& descriptor;
  std::string_view content;
  std::size_t offset;  // position of content[0] in the parsed text, for error positions
};
// Appends derived fields; returns an error when the content breaks a rule the layout cannot say.
using DecodeHook = std::optional<Error> (*)(const HookInput& input, std::vector<Field>& fields);

struct StructureDescriptor {
  std::string_view number{};  // "001"; empty for national structures
  std::string_view name{};
  // The text before the content. A DIN's is "=" alone: its first content character completes
  // the data identifier. National structures: "&" (the letter, ';' or '!' is taken from the text).
  std::string_view data_identifier{};
  LengthRule length_rule = LengthRule::Fixed;
  std::string_view pattern{};     // class letters: whole content (Fixed) or head (Counted)
  std::uint8_t count_offset = 0;  // Counted: where the count is in the head
  std::uint8_t count_digits = 0;
  std::string_view unit_pattern{};  // Counted: class letters of one counted unit
  std::span<const FieldLayout> fields{};
  DecodeHook hook = nullptr;
  bool retired = false;
  bool national = false;
};

// Every descriptor, ICCBBA structures in number order, then the national ones.
std::span<const StructureDescriptor> structure_table();

// The descriptor numbered `number` ("001".."040"); nullptr if there is none.
const StructureDescriptor* find_structure(std::string_view number);

struct DataIdentifierMatch {
  const StructureDescriptor* descriptor = nullptr;  // nullptr: no data identifier starts here
  std::size_t length = 0;                           // of the data identifier: 2, or 3 for &,1 .. &,4
  std::size_t content_offset = 0;                   // from the start of the data identifier: 1 for a DIN
};

// The structure whose data identifier starts at text[pos], if any. Never reads past the text.
DataIdentifierMatch match_data_identifier(std::string_view text, std::size_t pos);

}  // namespace cj::isbt128
