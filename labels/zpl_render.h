// ZPL II for Zebra printers: one label ^XA ... ^XZ, positions in dots (8 dots/mm at 203 dpi,
// 11.8 at 300). Symbols are drawn by the printer: ^BC Code 128, ^BX DataMatrix, ^BQ QR;
// text ^A0 (scalable font), boxes and lines ^GB.
#pragma once

#include <string>

#include "labels/layout.h"
#include "labels/result.h"

namespace cj::labels {

// Errors: a symbol that cannot hold its data (checked with the same encoders as the PNG).
Result<std::string> render_zpl(const Layout& layout, int dpi);

// Field data for ^FD with ^FH (hex escapes, '_' introduces one): '^', '~' and '_' escaped.
std::string zpl_field_data(std::string_view text);
// Code 128 data for ^BC mode N: '>' starts an invocation code there, so it is written "><".
std::string zpl_code128_data(std::string_view text);

}  // namespace cj::labels
