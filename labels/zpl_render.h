// ZPL II for Zebra printers: one label ^XA ... ^XZ, UTF-8 text (^CI28), positions in dots (8
// dots/mm at 203 dpi, 11.8 at 300). Symbols are drawn by the printer: ^BC Code 128 in Zebra's
// automatic mode or with the raster's own codewords (zpl_options.h), ^BX DataMatrix, ^BQ QR;
// text ^A0 (scalable font; ^A@ with a Unicode font beyond Latin-1) kept inside its box by ^FB;
// boxes and lines ^GB.
#pragma once

#include <string>

#include "labels/layout.h"
#include "labels/result.h"
#include "labels/zpl_options.h"

namespace cj::labels {

// Errors: a symbol that cannot hold its data (checked with the same encoders as the PNG).
Result<std::string> render_zpl(const Layout& layout, int dpi, ZplOptions options = {});

// Field data for ^FD with ^FH (hex escapes, '_' introduces one): '^', '~', '_' and control
// bytes escaped; UTF-8 passes as it is (^CI28).
std::string zpl_field_data(std::string_view text);

}  // namespace cj::labels
