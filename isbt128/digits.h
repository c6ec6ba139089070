// Small text helpers shared by the decoders: digit runs to numbers and back.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cj::isbt128 {

// The number spelled by `digits`. REQUIRES every character is 0-9 and digits.size() <= 18.
constexpr std::int64_t digits_value(std::string_view digits) {
  std::int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// `value` as exactly `width` digits, left-padded with 0. A negative value or one too wide to
// fit comes back longer than `width` (or with '-'), so the structure validator rejects it.
std::string zero_padded(std::int64_t value, std::size_t width);

// Appends `value` as exactly two digits. REQUIRES 0 <= value <= 99.
void append_two_digits(std::string& out, int value);

}  // namespace cj::isbt128
