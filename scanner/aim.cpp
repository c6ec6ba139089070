#include "scanner/aim.h"

#include <cctype>

namespace cj::scanner {

AimRead strip_aim(std::string_view text, std::string_view fallback) {
  AimRead read;
  const bool has_identifier = text.size() >= 3 && text[0] == ']' && std::isalpha(static_cast<unsigned char>(text[1])) &&
                              std::isalnum(static_cast<unsigned char>(text[2]));
  if (!has_identifier) {
    read.data = std::string(text);
    read.symbology = std::string(fallback);
    return read;
  }
  read.identifier = std::string(text.substr(0, 3));
  read.data = std::string(text.substr(3));
  switch (text[1]) {
    case 'C':
      read.symbology = "Code128";
      read.concatenated = text[2] == '4';
      break;
    case 'd':
      read.symbology = "DataMatrix";
      break;
    case 'Q':
      read.symbology = "QRCode";
      break;
    default:
      read.symbology = "Other";
      break;
  }
  return read;
}

}  // namespace cj::scanner
