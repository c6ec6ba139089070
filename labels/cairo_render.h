// cairo renderers: PNG (raster, module widths snapped to whole pixels so every bar has the same
// width), PDF and SVG (vector, module widths exact). Text is DejaVu Sans (0/O and 1/I differ).
#pragma once

#include <string>

#include "labels/layout.h"
#include "labels/result.h"

namespace cj::labels {

Result<std::string> render_png(const Layout& layout, int dpi);
Result<std::string> render_pdf(const Layout& layout);
Result<std::string> render_svg(const Layout& layout);

// Where a symbol lands in a PNG rendered at `dpi`, quiet zone included, in pixels.
struct PixelRect {
  int x = 0, y = 0, width = 0, height = 0;
};
// REQUIRES `element` holds a Code128Symbol, DataMatrixSymbol or QrSymbol.
Result<PixelRect> png_extent(const Element& element, int dpi);

// Pixels per module in a PNG at `dpi`: the module width rounded, at least 1.
int module_pixels(double module_mm, int dpi);

}  // namespace cj::labels
