// AIM symbology identifiers (ISO/IEC 15424): the "]Cm" a scanner may put before the data to say
// which symbology it read. Stripped before parsing, kept as information: "]C4" is the ISBT 128
// concatenation of two adjacent Code 128 symbols read as one string.
#pragma once

#include <string>
#include <string_view>

namespace cj::scanner {

struct AimRead {
  std::string identifier;     // "]C0", "]C4", "]d1", "]Q1"; empty when the read had none
  std::string symbology;      // "Code128", "DataMatrix", "QRCode", "Other"; empty when unknown
  std::string data;           // the characters after the identifier
  bool concatenated = false;  // "]C4": two ISBT 128 Code 128 symbols joined by the scanner
};

// Splits an AIM identifier off `text` when it starts with one ("]" + letter + modifier
// character); otherwise data is the text and symbology is `fallback` (the image decoder's
// name, or empty for a scanner that sends no identifier).
AimRead strip_aim(std::string_view text, std::string_view fallback = {});

}  // namespace cj::scanner
