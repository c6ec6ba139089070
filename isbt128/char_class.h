// Character classes of ISBT 128 data content, one letter per class, so that the structure table
// can spell each structure's content as a pattern ("Fffddddddddddgg" for a DIN).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace cj::isbt128 {

// Class letters used in StructureDescriptor patterns:
//   d  digit 0-9                       n  digit 1-9              z  the digit 0 (reserved place)
//   A  capital letter or digit         U  capital letter         a  letter (either case) or digit
//   F  FIN first char: A-N, P-Z, 1-9   f  FIN char: A-N, P-Z, 0-9
//   g  DIN flag char: 0-9, A-H, J-N, P, R-Y
//   t  031 time reference: 1 or 2      c  collection type (ST-001 Table 7)
//   s  division second char: digit or lowercase letter
//   x  printable ASCII other than space, '=' and '&': used where the reference gives a length
//      but no character set; '=' and '&' stay out so a truncated code is never swallowed
//   p  printable ASCII including space: national content
inline bool in_class(char class_letter, unsigned char c);

// "a digit", "a capital letter or digit", ...: for messages.
std::string_view class_description(char class_letter);

// How to show a scanned byte in a message: 'A', space, or 0x1B for anything not printable.
std::string describe_character(unsigned char c);

// ---- implementation: one lookup per character on the hot path ----
namespace char_class_detail {

constexpr std::string_view kClassLetters = "dnzAUaFfgtcsxp";

constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

constexpr bool member(char class_letter, unsigned char c) {
  switch (class_letter) {
    case 'd':
      return is_digit(c);
    case 'n':
      return c >= '1' && c <= '9';
    case 'z':
      return c == '0';
    case 'A':
      return is_digit(c) || is_upper(c);
    case 'U':
      return is_upper(c);
    case 'a':
      return is_digit(c) || is_upper(c) || is_lower(c);
    case 'F':
      return (c >= '1' && c <= '9') || (is_upper(c) && c != 'O');
    case 'f':
      return is_digit(c) || (is_upper(c) && c != 'O');
    case 'g':
      return is_digit(c) || (is_upper(c) && c != 'I' && c != 'O' && c != 'Q' && c != 'Z');
    case 't':
      return c == '1' || c == '2';
    case 'c':
      return c != 0 &&
             std::string_view("0VRSTPrsA1XDd2LEQ3456FC78BHJG").find(static_cast<char>(c)) != std::string_view::npos;
    case 's':
      return is_digit(c) || is_lower(c);
    case 'x':
      return c > ' ' && c < 0x7F && c != '=' && c != '&';
    case 'p':
      return c >= ' ' && c < 0x7F;
    default:
      return false;
  }
}

// One bit per class letter, and for every byte the classes it belongs to: a lookup per
// character on the hot path instead of a switch.
constexpr std::array<std::uint16_t, 128> make_class_bits() {
  std::array<std::uint16_t, 128> bits{};
  for (std::size_t i = 0; i < kClassLetters.size(); ++i) {
    bits[static_cast<unsigned char>(kClassLetters[i])] = static_cast<std::uint16_t>(1U << i);
  }
  return bits;
}
constexpr std::array<std::uint16_t, 256> make_members() {
  std::array<std::uint16_t, 256> members{};
  for (unsigned c = 0; c < 256; ++c) {
    for (std::size_t i = 0; i < kClassLetters.size(); ++i) {
      if (member(kClassLetters[i], static_cast<unsigned char>(c))) members[c] |= static_cast<std::uint16_t>(1U << i);
    }
  }
  return members;
}
constexpr std::array<std::uint16_t, 128> kClassBit = make_class_bits();
constexpr std::array<std::uint16_t, 256> kMembers = make_members();

}  // namespace char_class_detail

inline bool in_class(char class_letter, unsigned char c) {
  const auto letter = static_cast<unsigned char>(class_letter);
  return letter < 128 && (char_class_detail::kMembers[c] & char_class_detail::kClassBit[letter]) != 0;
}

}  // namespace cj::isbt128
