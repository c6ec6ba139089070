#include "labels/symbols.h"

#include <qrencode.h>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <exception>
#include <memory>
#include <string>

namespace cj::labels {
namespace {

Status check_printable_ascii(std::string_view text, std::string_view what) {
  if (text.empty()) return Error{std::string(what) + ": nothing to encode", ""};
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) return Error{std::string(what) + ": only printable ASCII can be encoded", ""};
  }
  return Done{};
}

ModuleGrid from_bit_matrix(const ZXing::BitMatrix& matrix, int rows) {
  ModuleGrid grid{matrix.width(), rows, {}};
  grid.dark.resize(static_cast<std::size_t>(grid.width) * rows);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < grid.width; ++x) grid.dark[static_cast<std::size_t>(y) * grid.width + x] = matrix.get(x, y);
  return grid;
}

Result<ModuleGrid> zxing_modules(ZXing::BarcodeFormat format, std::string_view text, std::string_view what,
                                 bool one_row) {
  if (Status ok = check_printable_ascii(text, what); !ok) return ok.error();
  try {
    // Width and height 0 and no margin: one pixel per module, nothing around it.
    ZXing::BitMatrix matrix = ZXing::MultiFormatWriter(format).setMargin(0).encode(std::string(text), 0, 0);
    return from_bit_matrix(matrix, one_row ? 1 : matrix.height());
  } catch (const std::exception& e) {
    return Error{std::string(what) + ": " + e.what(), ""};
  }
}

template <class Symbol>
Result<Rect> square_extent(const Result<ModuleGrid>& grid, const Symbol& symbol) {
  if (!grid) return grid.error();
  const double side_x = (grid.value().width + 2 * symbol.quiet_modules) * symbol.module;
  const double side_y = (grid.value().height + 2 * symbol.quiet_modules) * symbol.module;
  return Rect{symbol.x, symbol.y, side_x, side_y};
}

}  // namespace

Result<ModuleGrid> code128_modules(std::string_view text) {
  return zxing_modules(ZXing::BarcodeFormat::Code128, text, "Code 128", true);
}

Result<ModuleGrid> datamatrix_modules(std::string_view text) {
  return zxing_modules(ZXing::BarcodeFormat::DataMatrix, text, "DataMatrix", false);
}

Result<ModuleGrid> qr_modules(std::string_view text) {
  if (text.empty()) return Error{"QR: nothing to encode", ""};
  const std::string copy(text);
  // casesensitive = 1: 0 would upper-case the link (libqrencode upper-cases the input then).
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString(copy.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                       &QRcode_free);
  if (!code) return Error{"QR: the text is too long or cannot be encoded", ""};
  ModuleGrid grid{code->width, code->width, {}};
  grid.dark.resize(static_cast<std::size_t>(grid.width) * grid.height);
  for (std::size_t i = 0; i < grid.dark.size(); ++i) grid.dark[i] = code->data[i] & 1;  // LSB = dark
  return grid;
}

Result<Rect> extent(const Code128Symbol& symbol) {
  Result<ModuleGrid> grid = code128_modules(symbol.data);
  if (!grid) return grid.error();
  return Rect{symbol.x, symbol.y, (grid.value().width + 2 * symbol.quiet_modules) * symbol.module, symbol.height};
}

Result<Rect> extent(const DataMatrixSymbol& symbol) { return square_extent(datamatrix_modules(symbol.data), symbol); }
Result<Rect> extent(const QrSymbol& symbol) { return square_extent(qr_modules(symbol.data), symbol); }

}  // namespace cj::labels
