// Code 128 codewords read back from a module row: the symbol ZXing's writer drew (symbols.h),
// as the values a printer is told to encode. ZPL's ^BC then describes exactly the raster's symbol
// (same start code, same subset switches, same width) instead of letting the printer choose.
#pragma once

#include <string_view>
#include <vector>

#include "labels/result.h"
#include "labels/symbols.h"

namespace cj::labels {

// Code 128 values (ISO/IEC 15417): 0-102 data and functions, 103-105 Start A/B/C, 106 Stop.
inline constexpr int kCode128ShiftOrCodeC = 98;
inline constexpr int kCode128StartA = 103, kCode128StartB = 104, kCode128StartC = 105, kCode128Stop = 106;

// The bar and space widths (in modules) of a value, "212222" (six digits; seven for the stop).
std::string_view code128_widths(int value);

// The values of a one-row Code 128 module grid, start character first, then the data and
// function characters, then the check character; the stop pattern is checked and left out.
// Errors: not 11 modules per character plus the 13-module stop, an unknown pattern, no start
// character first, a wrong check character.
Result<std::vector<int>> code128_codewords(const ModuleGrid& row);

}  // namespace cj::labels
