#include "isbt128/decode.h"

#include <string>

#include "isbt128/char_class.h"
#include "isbt128/dates.h"
#include "isbt128/digits.h"
#include "isbt128/structure_table.h"
#include "isbt128/text.h"

namespace cj::isbt128 {
namespace {

std::string quoted_text(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= ' ' && u < 0x7F) {
      out += c;
    } else {
      out += describe_character(u);
    }
  }
  out += "'";
  return out;
}

Error unknown_data_identifier(std::string_view text, std::size_t pos) {
  const auto first = static_cast<unsigned char>(text[pos]);
  if (first != '=' && first != '&') {
    return Error{ErrorCode::UnknownDataIdentifier,
                 Text() + "This is not an ISBT 128 code: it starts with " + describe_character(first) +
                     " instead of '=' or '&' (position " + pos + "). Check that you scanned the right barcode.",
                 pos};
  }
  if (pos + 1 >= text.size() || (text[pos + 1] == ',' && pos + 2 >= text.size())) {
    return Error{ErrorCode::WrongLength,
                 Text() + "The code ends right after its data identifier " + quoted_text(text.substr(pos)) +
                     ": it is incomplete. " + kRescanAdvice,
                 pos};
  }
  const auto second = static_cast<unsigned char>(text[pos + 1]);
  if (first == '=' && ((second >= 'a' && second <= 'z') || second == '0' || second == 'O')) {
    return Error{ErrorCode::InvalidCharacter,
                 Text() + "A Donation Identification Number cannot start with " + describe_character(second) +
                     " (position " + (pos + 1) +
                     "): its first character is a capital letter other than O, or a digit 1-9. " + kRescanAdvice,
                 pos + 1};
  }
  const std::size_t length = second == ',' ? 3 : 2;
  return Error{ErrorCode::UnknownDataIdentifier,
               Text() + "Unknown data identifier " + quoted_text(text.substr(pos, length)) + " at position " + pos +
                   ": this is not an ISBT 128 code CellJourney can read. Check that you scanned the right barcode.",
               pos};
}

Error truncated(const StructureDescriptor& descriptor, std::string_view data_identifier, std::size_t pos,
                std::size_t needed, std::size_t available) {
  return Error{ErrorCode::WrongLength,
               Text() + "The " + descriptor.name + " is incomplete: it needs " + needed + " characters after " +
                   quoted_text(data_identifier) + " and the scan has " + available + ". " + kRescanAdvice,
               pos};
}

Error bad_character(const StructureDescriptor& descriptor, std::string_view text, std::size_t at, char class_letter) {
  if (starts_data_identifier(text, at)) {
    return Error{ErrorCode::WrongLength,
                 Text() + "The " + descriptor.name + " is too short: another code starts at position " + at + ". " +
                     kRescanAdvice,
                 at};
  }
  const auto c = static_cast<unsigned char>(text[at]);
  // "'b', a lowercase letter,": said outright where the capital would do, so that nobody reads
  // the refusal of "ab3456" as a refusal of "AB3456".
  const bool lowercase_for_capital =
      c >= 'a' && c <= 'z' && in_class(class_letter, static_cast<unsigned char>(c - 'a' + 'A'));
  return Error{ErrorCode::InvalidCharacter,
               Text() + "The " + descriptor.name + " has " + describe_character(c) +
                   (lowercase_for_capital ? ", a lowercase letter," : "") + " at position " + at + ", where it needs " +
                   class_description(class_letter) + ". " + kRescanAdvice,
               at};
}

// Length of the content starting at `start`, checking the characters of the parts that decide it.
Result<std::size_t> content_length(const StructureDescriptor& descriptor, std::string_view text, std::size_t pos,
                                   std::size_t start) {
  const std::size_t available = text.size() - start;
  const std::string_view data_identifier = text.substr(pos, start - pos);
  switch (descriptor.length_rule) {
    case LengthRule::Fixed:
      if (available < descriptor.pattern.size()) {
        return truncated(descriptor, data_identifier, pos, descriptor.pattern.size(), available);
      }
      return descriptor.pattern.size();
    case LengthRule::Counted: {
      const std::size_t head = descriptor.pattern.size();
      if (available < head) return truncated(descriptor, data_identifier, pos, head, available);
      for (std::size_t i = 0; i < head; ++i) {
        if (!in_class(descriptor.pattern[i], static_cast<unsigned char>(text[start + i]))) {
          return bad_character(descriptor, text, start + i, descriptor.pattern[i]);
        }
      }
      const std::string_view count_digits = text.substr(start + descriptor.count_offset, descriptor.count_digits);
      const auto count = static_cast<std::size_t>(digits_value(count_digits));
      if (count == 0) {
        return Error{ErrorCode::WrongLength,
                     Text() + "The " + descriptor.name + " announces 0 entries (" + quoted_text(count_digits) +
                         " at position " + start + descriptor.count_offset + "), so it carries no data. " +
                         kRescanAdvice,
                     start + descriptor.count_offset};
      }
      const std::size_t needed = head + count * descriptor.unit_pattern.size();
      if (available < needed) return truncated(descriptor, data_identifier, pos, needed, available);
      return needed;
    }
    case LengthRule::ToNextDataIdentifier: {
      std::size_t end = start;
      while (end < text.size() && !starts_data_identifier(text, end)) {
        if (!in_class(descriptor.pattern[0], static_cast<unsigned char>(text[end]))) {
          return bad_character(descriptor, text, end, descriptor.pattern[0]);
        }
        ++end;
      }
      if (end == start) {
        return Error{ErrorCode::WrongLength,
                     Text() + "The " + descriptor.name + " " + quoted_text(data_identifier) + " has no content. " +
                         kRescanAdvice,
                     pos};
      }
      return end - start;
    }
  }
  return std::size_t{0};
}

std::optional<Error> check_characters(const StructureDescriptor& descriptor, std::string_view text, std::size_t start,
                                      std::size_t length) {
  if (descriptor.length_rule == LengthRule::ToNextDataIdentifier) return std::nullopt;  // checked while measuring
  const std::string_view head = descriptor.pattern;
  const std::string_view unit = descriptor.unit_pattern;
  for (std::size_t i = 0; i < length; ++i) {
    const char class_letter = i < head.size() ? head[i] : unit[(i - head.size()) % unit.size()];
    if (!in_class(class_letter, static_cast<unsigned char>(text[start + i]))) {
      return bad_character(descriptor, text, start + i, class_letter);
    }
  }
  return std::nullopt;
}

}  // namespace

bool starts_data_identifier(std::string_view text, std::size_t pos) {
  return match_data_identifier(text, pos).descriptor != nullptr;
}

Result<std::size_t> decode_structure(std::string_view text, std::size_t pos, Structure& out) {
  const DataIdentifierMatch match = match_data_identifier(text, pos);
  if (match.descriptor == nullptr) return unknown_data_identifier(text, pos);
  const StructureDescriptor& descriptor = *match.descriptor;
  const std::size_t start = pos + match.content_offset;

  Result<std::size_t> length = content_length(descriptor, text, pos, start);
  if (!length) return length.error();
  if (auto error = check_characters(descriptor, text, start, length.value())) return *error;

  const std::string_view content = text.substr(start, length.value());
  out.number = descriptor.number;
  out.name = descriptor.name;
  out.data_identifier.assign(text.substr(pos, match.length));
  out.content.assign(content);
  out.retired = descriptor.retired;
  out.national = descriptor.national;
  out.fields.clear();
  out.fields.reserve(descriptor.fields.size() + 4);
  for (const FieldLayout& layout : descriptor.fields) {
    const std::string_view value =
        content.substr(layout.offset, layout.length == kToEnd ? std::string_view::npos : layout.length);
    switch (layout.kind) {
      case FieldKind::Text:
        out.fields.push_back(Field{layout.name, std::string(value)});
        break;
      case FieldKind::Integer:
        out.fields.push_back(Field{layout.name, digits_value(value)});
        break;
      default: {
        Result<std::string> iso = decode_date_field(layout.kind, value, start + layout.offset, descriptor.name);
        if (!iso) return iso.error();
        out.fields.push_back(Field{layout.name, std::move(iso).value()});
      }
    }
  }
  if (descriptor.hook != nullptr) {
    if (auto error = descriptor.hook(HookInput{descriptor, content, start}, out.fields)) return *error;
  }
  return start + length.value();
}

}  // namespace cj::isbt128
