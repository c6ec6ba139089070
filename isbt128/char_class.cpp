#include "isbt128/char_class.h"

#include <string>

#include "isbt128/text.h"

namespace cj::isbt128 {

std::string_view class_description(char class_letter) {
  switch (class_letter) {
    case 'd':
      return "a digit";
    case 'n':
      return "a digit 1-9";
    case 'z':
      return "the digit 0";
    case 'A':
      return "a capital letter or a digit";
    case 'U':
      return "a capital letter";
    case 'a':
      return "a letter or a digit";
    case 'F':
      return "a capital letter other than O, or a digit 1-9";
    case 'f':
      return "a capital letter other than O, or a digit";
    case 'g':
      return "a flag character (digit, or capital letter other than I, O, Q, Z)";
    case 't':
      return "1 (local time) or 2 (UTC)";
    case 'c':
      return "a collection type code (ST-001 Table 7)";
    case 's':
      return "a digit or a lowercase letter";
    case 'x':
      return "a printable character other than '=', '&' and space";
    case 'p':
      return "a printable character";
    default:
      return "a valid character";
  }
}

std::string describe_character(unsigned char c) {
  if (c == ' ') return "a space";
  if (c > ' ' && c < 0x7F) return Text() + "'" + static_cast<char>(c) + "'";
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 0xF];
}

}  // namespace cj::isbt128
