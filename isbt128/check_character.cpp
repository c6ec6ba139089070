#include "isbt128/check_character.h"

#include <string>

#include "isbt128/char_class.h"
#include "isbt128/text.h"

namespace cj::isbt128 {

int mod37_2_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

Result<int> mod37_2_checksum(std::string_view text) {
  if (text.empty()) return Error{ErrorCode::EmptyInput, "Nothing to compute a check character for.", 0};
  // Recursive form of ST-001 A.3: s = ((s + v) * 2) mod 37, checksum = (38 - s) mod 37.
  int sum = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int value = mod37_2_value(text[i]);
    if (value < 0) {
      return Error{ErrorCode::InvalidCharacter,
                   Text() + describe_character(static_cast<unsigned char>(text[i])) + " at position " + i +
                       " cannot be part of a check character calculation: only capital letters and digits can.",
                   i};
    }
    sum = (sum + value) * 2;  // at most (36 + 35) * 2 = 142: two conditional subtractions reduce it
    if (sum >= 74) sum -= 74;
    if (sum >= 37) sum -= 37;
  }
  return (38 - sum) % 37;
}

char mod37_2_character(int checksum) {
  if (checksum < 10) return static_cast<char>('0' + checksum);
  if (checksum < 36) return static_cast<char>('A' + checksum - 10);
  return '*';
}

}  // namespace cj::isbt128
