// Real ISBT 128 codes for the scanner tests, built with isbt128/ (the same codec as the labels).
#pragma once

#include <string>
#include <vector>

#include "isbt128/coi.h"
#include "isbt128/compound.h"
#include "isbt128/din.h"
#include "isbt128/format.h"
#include "isbt128/product_code.h"

namespace cj::scanner::testing {

// "=A99992600001234" style DIN with flags 00.
inline std::string din_text(int sequence) {
  return isbt128::format(isbt128::make_din("A9999", 26, sequence, "00").value());
}
inline std::string din_value(int sequence) {
  return isbt128::make_din("A9999", 26, sequence, "00").value().content.substr(0, 13);
}
// "&/CHA99992600001A" style COI [040].
inline std::string coi_text(const std::string& sequence) {
  return isbt128::format(isbt128::make_coi("A9999", 26, sequence).value());
}
inline std::string product_code_text() {
  return isbt128::format(isbt128::make_product_code("S1194", '1', "00").value());
}
// A DataMatrix compound message: header + DIN + product code + COI.
inline std::string compound_text(int sequence, const std::string& coi_sequence) {
  std::vector<isbt128::Structure> parts{isbt128::make_din("A9999", 26, sequence, "00").value(),
                                        isbt128::make_product_code("S1194", '1', "00").value(),
                                        isbt128::make_coi("A9999", 26, coi_sequence).value()};
  return isbt128::format(isbt128::make_compound_message(parts).value());
}

}  // namespace cj::scanner::testing
