// Symbol modules: the dark/light grid of a Code 128 (one row), DataMatrix or QR symbol, without
// quiet zone. Renderers scale the modules; templates use the sizes to place things.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "labels/layout.h"
#include "labels/result.h"

namespace cj::labels {

struct ModuleGrid {
  int width = 0, height = 0;       // in modules; a Code 128 row has height 1
  std::vector<std::uint8_t> dark;  // row-major, 1 = dark
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * width + x] != 0; }
};

// Code 128 via ZXing's writer. Errors: text empty or not printable ASCII.
Result<ModuleGrid> code128_modules(std::string_view text);
// DataMatrix ECC 200 via ZXing's writer: the smallest symbol, square or rectangular.
// Errors: empty, not ASCII, too long.
Result<ModuleGrid> datamatrix_modules(std::string_view text);
// QR via libqrencode, level M, 8-bit case-sensitive. Errors: empty or too long.
Result<ModuleGrid> qr_modules(std::string_view text);

// Size of a symbol including its quiet zone, in mm (the layout's units).
Result<Rect> extent(const Code128Symbol& symbol);
Result<Rect> extent(const DataMatrixSymbol& symbol);
Result<Rect> extent(const QrSymbol& symbol);

}  // namespace cj::labels
