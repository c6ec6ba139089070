#include "isbt128/coi.h"

#include <string>

#include "isbt128/build.h"
#include "isbt128/char_class.h"
#include "isbt128/decoders.h"
#include "isbt128/digits.h"
#include "isbt128/structure_numbers.h"
#include "isbt128/text.h"

namespace cj::isbt128 {

std::optional<Error> decode_coi(const HookInput& input, std::vector<Field>& fields) {
  static constexpr std::string_view kPrefix = "CH";
  for (std::size_t i = 0; i < kPrefix.size(); ++i) {
    if (input.content[i] != kPrefix[i]) {
      return Error{ErrorCode::InvalidCharacter,
                   "The Chain of Identity Identifier has " +
                       describe_character(static_cast<unsigned char>(input.content[i])) + " at position " +
                       std::to_string(input.offset + i) + ", where it needs '" + kPrefix[i] +
                       "' (it always starts with CH). " + std::string(kRescanAdvice),
                   input.offset + i};
    }
  }
  (void)fields;
  return std::nullopt;
}

Result<Structure> make_coi(std::string_view fin, int year, std::string_view sequence) {
  if (fin.size() != 5) {
    return Error{ErrorCode::WrongLength, Text() + "A FIN is 5 characters, not " + fin.size() + ".", 4};
  }
  if (year < 0 || year > 99) {
    return Error{ErrorCode::WrongLength,
                 Text() + "A COI holds the last two digits of the year (0-99), not " + year + ".", 9};
  }
  if (sequence.size() != 6) {
    return Error{ErrorCode::WrongLength, Text() + "A COI sequence is 6 characters, not " + sequence.size() + ".", 11};
  }
  std::string content = "CH";
  content += fin;
  content += zero_padded(year, 2);
  content += sequence;
  return make_structure(numbers::kChainOfIdentityIdentifier, content);
}

}  // namespace cj::isbt128
