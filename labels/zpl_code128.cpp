#include "labels/zpl_code128.h"

#include "labels/code128_codewords.h"

namespace cj::labels {
namespace {

enum class Subset { A, B, C };

// REQUIRES 0 <= value <= 99.
std::string two_digits(int value) { return {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)}; }

}  // namespace

Result<std::string> zpl_code128_field(const std::vector<int>& codewords) {
  if (codewords.size() < 2) return Error{"Code 128: no characters", ""};
  Subset subset;
  std::string out;
  switch (codewords.front()) {
    case kCode128StartA:
      subset = Subset::A, out = ">9";
      break;
    case kCode128StartB:
      subset = Subset::B, out = ">:";
      break;
    case kCode128StartC:
      subset = Subset::C, out = ">;";
      break;
    default:
      return Error{"Code 128: the first character is no start character", ""};
  }
  // Everything between the start character and the check character.
  for (std::size_t i = 1; i + 1 < codewords.size(); ++i) {
    const int v = codewords[i];
    if (v < 0 || v > 102) return Error{"Code 128: value " + std::to_string(v) + " inside the data", ""};
    if (v == kCode128ShiftOrCodeC && subset != Subset::C) return Error{"Code 128: SHIFT is not supported", ""};
    switch (v) {
      case 102:
        out += ">8";  // FNC 1 in every subset
        continue;
      case 101:  // CODE A, or FNC 4 in subset A
        out += ">7";
        if (subset != Subset::A) subset = Subset::A;
        continue;
      case 100:  // CODE B, or FNC 4 in subset B
        out += ">6";
        if (subset != Subset::B) subset = Subset::B;
        continue;
      case 99:
        if (subset != Subset::C) {
          out += ">5";
          subset = Subset::C;
          continue;
        }
        break;
      default:
        break;
    }
    if (subset == Subset::C) {
      out += two_digits(v);
    } else if (v >= 96) {
      out += v == 96 ? ">2" : ">3";  // FNC 3, FNC 2 (98 SHIFT refused above, 99-102 handled)
    } else if (subset == Subset::A) {
      out += two_digits(v);
    } else if (v == 30) {
      out += ">0";  // '>'
    } else if (v == 62) {
      out += "><";  // '^'
    } else if (v == 94) {
      out += ">=";  // '~'
    } else if (v == 95) {
      out += ">1";  // DEL
    } else {
      out += static_cast<char>(v + 32);
    }
  }
  return out;
}

}  // namespace cj::labels
