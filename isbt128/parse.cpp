#include "isbt128/parse.h"

#include <string>

#include "isbt128/compound.h"
#include "isbt128/decode.h"
#include "isbt128/format.h"
#include "isbt128/structure_numbers.h"
#include "isbt128/text.h"

namespace cj::isbt128 {
namespace {

std::string ordinal(std::size_t n) {
  const std::size_t tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : n % 10 == 1              ? "st"
                       : n % 10 == 2              ? "nd"
                       : n % 10 == 3              ? "rd"
                                                  : "th";
  return std::to_string(n) + suffix;
}

Error stray_characters(const Structure& previous, std::size_t pos, std::size_t count) {
  return Error{ErrorCode::WrongLength,
               Text() + "The " + previous.name + " is followed by " + count + " unexpected character" +
                   (count == 1 ? "" : "s") + " at position " + pos + ": the code is longer than it should be. " +
                   kRescanAdvice,
               pos};
}

// A compound message under way: where its header is and how many structures it announced.
struct OpenCompound {
  std::size_t header_index = 0;
  std::size_t header_position = 0;
  std::size_t announced = 0;
};

std::optional<Error> check_member(const Structure& member, std::size_t pos) {
  if (member.national) {
    return Error{ErrorCode::NotAllowedInCompound,
                 Text() + "A national structure ('" + member.data_identifier + "', position " + pos +
                     ") cannot be part of a compound message. Do not use this label; ask QA.",
                 pos};
  }
  if (member.number == numbers::kCompoundMessage) {
    return Error{ErrorCode::NotAllowedInCompound,
                 Text() + "A compound message cannot contain another compound message (position " + pos +
                     "). Do not use this label; ask QA.",
                 pos};
  }
  return std::nullopt;
}

std::optional<Error> check_divisions(std::span<const Structure> structures) {
  bool has_divisions = false;
  for (const Structure& structure : structures) {
    has_divisions = has_divisions || structure.number == numbers::kProductDivisions;
  }
  if (has_divisions) return std::nullopt;
  std::size_t position = 0;
  for (const Structure& structure : structures) {
    if (structure.number == numbers::kProductCode && text_field(structure, "division") == "99") {
      return Error{ErrorCode::MissingDivisions,
                   Text() + "The Product Code " + structure.content +
                       " has division 99: its Product Divisions barcode (=,) must be scanned together with it. "
                       "Scan both barcodes in one scan.",
                   position + structure.data_identifier.size() + 6};
    }
    position += text_length(structure);
  }
  return std::nullopt;
}

// Spaces, tabs, CR and LF only: what a scanner sends when it read nothing (a bare Enter).
bool only_blanks(std::string_view text) {
  for (const char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

std::optional<Error> parse_into(std::string_view text, std::vector<Structure>& out) {
  std::size_t count = 0;
  auto finish = [&](std::optional<Error> error) {
    out.resize(count);
    return error;
  };
  if (text.empty()) {
    return finish(Error{ErrorCode::EmptyInput, "Empty scan: nothing was read. Scan the barcode again.", 0});
  }
  if (only_blanks(text)) {
    return finish(Error{ErrorCode::EmptyInput,
                        "Empty scan: only spaces or line ends were read, no barcode. Scan the barcode again.", 0});
  }
  std::optional<OpenCompound> compound;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (count > 0 && text[pos] != '=' && text[pos] != '&') {
      return finish(stray_characters(out[count - 1], pos, text.size() - pos));
    }
    if (compound && count - compound->header_index - 1 == compound->announced) {
      return finish(Error{ErrorCode::CompoundCountMismatch,
                          Text() + "The compound message announces " + compound->announced +
                              " data structures, but a " + ordinal(compound->announced + 1) +
                              " one starts at position " + pos + ". " + kRescanAdvice,
                          pos});
    }
    if (count == out.size()) out.emplace_back();
    Structure& structure = out[count];
    Result<std::size_t> end = decode_structure(text, pos, structure);
    if (!end) return finish(end.error());
    ++count;
    if (compound) {
      if (auto error = check_member(structure, pos)) return finish(error);
    } else if (structure.number == numbers::kCompoundMessage) {
      compound = OpenCompound{count - 1, pos, static_cast<std::size_t>(*integer_field(structure, "count"))};
    }
    pos = end.value();
  }
  if (compound) {
    const std::size_t members = count - compound->header_index - 1;
    if (members < compound->announced) {
      return finish(Error{ErrorCode::CompoundCountMismatch,
                          Text() + "The compound message announces " + compound->announced +
                              " data structures but holds " + members + ". " + kRescanAdvice,
                          compound->header_position});
    }
    const Structure& header = out[compound->header_index];
    const std::span<const Structure> member_span(out.data() + compound->header_index + 1, members);
    if (auto error = check_compound_order(header, member_span, compound->header_position + text_length(header))) {
      return finish(error);
    }
  }
  return finish(check_divisions(std::span<const Structure>(out.data(), count)));
}

ParseResult parse(std::string_view text) {
  std::vector<Structure> structures;
  structures.reserve(4);  // a linear pair, or a small compound message, without regrowing
  if (auto error = parse_into(text, structures)) return *std::move(error);
  return structures;
}

}  // namespace cj::isbt128
