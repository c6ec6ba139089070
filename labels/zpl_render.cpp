#include "labels/zpl_render.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <variant>

#include "labels/cairo_render.h"
#include "labels/code128_codewords.h"
#include "labels/symbols.h"
#include "labels/zpl_code128.h"

namespace cj::labels {
namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kCapHeightPerCell = 0.72;  // ^A0 cap height / character cell height
// ^A0 (the resident CG Triumvirate Bold Condensed) draws Latin-1 only; Greek, Cyrillic and
// Latin Extended text goes to the resident scalable Unicode font instead (see docs/labels.md).
constexpr char kUnicodeFont[] = "E:TT0003M_.TTF";

// True when the UTF-8 text has a character beyond U+00FF (a lead byte 0xC4 or higher).
bool beyond_latin1(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xC4; });
}

class ZplWriter {
 public:
  ZplWriter(int dpi, ZplOptions options) : dpi_(dpi), dots_per_mm_(dpi / kMmPerInch), options_(options) {}

  Result<std::string> write(const Layout& layout) {
    out_ = "^XA\n^CI28\n^PW" + std::to_string(dots(layout.width)) + "\n^LL" + std::to_string(dots(layout.height)) +
           "\n^LH0,0\n";
    for (const Element& element : layout.elements) {
      Status status = std::visit([this](const auto& e) { return emit(e); }, element);
      if (!status) return status.error();
    }
    out_ += "^XZ\n";
    return out_;
  }

 private:
  int dots(double mm) const { return static_cast<int>(std::lround(mm * dots_per_mm_)); }
  void origin(double x, double y) { out_ += "^FO" + std::to_string(dots(x)) + "," + std::to_string(dots(y)); }
  void field(std::string_view data) { out_ += "^FH^FD" + zpl_field_data(data) + "^FS\n"; }
  void font(double cap_height, bool turned = false, bool unicode = false) {
    const int cell = std::max(10, dots(cap_height / kCapHeightPerCell));
    const std::string size =
        std::string(1, turned ? 'R' : 'N') + "," + std::to_string(cell) + "," + std::to_string(cell);
    out_ += unicode ? "^A@" + size + "," + kUnicodeFont : "^A0" + size;
  }

  Status emit(const TextRun& run) {
    origin(run.x, run.y);
    font(run.size, run.turned, beyond_latin1(run.text));
    // One line no wider than the run's box: the printer's font is not cairo's, and ^FB keeps
    // it from running past the box (a turned run's block runs along its text).
    if (run.width > 0) out_ += "^FB" + std::to_string(std::max(1, dots(run.width))) + ",1,0,L";
    field(run.text);
    return Done{};
  }

  Status emit(const BoxedCharacter& boxed) {
    const int side = dots(boxed.size * 1.7);
    origin(boxed.x, boxed.y);
    out_ += "^GB" + std::to_string(side) + "," + std::to_string(side) + "," + std::to_string(std::max(1, dots(0.25))) +
            "^FS\n";
    // ^FB centres the character across the box; the origin drops it to mid-height.
    origin(boxed.x, boxed.y + (boxed.size * 1.7 - boxed.size / kCapHeightPerCell) / 2 + 0.1);
    font(boxed.size);
    out_ += "^FB" + std::to_string(side) + ",1,0,C";
    field(std::string(1, boxed.character));
    return Done{};
  }

  Status emit(const Box& box) {
    origin(box.rect.x, box.rect.y);
    const int w = std::max(1, dots(box.rect.width)), h = std::max(1, dots(box.rect.height));
    const int thickness = box.line > 0 ? std::max(1, dots(box.line)) : std::min(w, h);
    out_ += "^GB" + std::to_string(w) + "," + std::to_string(h) + "," + std::to_string(thickness) + "^FS\n";
    return Done{};
  }

  // Whole-dot modules like the PNG's. Automatic mode: the structure's text, and the printer
  // chooses the subsets as ZXing's writer did (zpl_options.h); explicit: the raster's own
  // codewords. Either way the symbol is as wide as the layout measured it.
  Status emit(const Code128Symbol& symbol) {
    Result<ModuleGrid> grid = code128_modules(symbol.data);
    if (!grid) return grid.error();
    const int m = std::clamp(module_pixels(symbol.module, dpi_), 1, 10);
    out_ += "^FO" + std::to_string(dots(symbol.x) + symbol.quiet_modules * m) + "," + std::to_string(dots(symbol.y));
    out_ += "^BY" + std::to_string(m) + "^BCN," + std::to_string(dots(symbol.height)) + ",N,N,N,";
    if (options_.code128 == ZplCode128Mode::Automatic) {
      out_ += "A";
      field(symbol.data);  // '>' is data in mode A; ^ ~ _ and control bytes as ^FH escapes
      return Done{};
    }
    Result<std::vector<int>> codewords = code128_codewords(grid.value());
    if (!codewords) return codewords.error();
    Result<std::string> data = zpl_code128_field(codewords.value());
    if (!data) return data.error();
    out_ += "N^FD" + data.value() + "^FS\n";  // printable ASCII without ^ and ~: no ^FH
    return Done{};
  }

  Status emit(const DataMatrixSymbol& symbol) {
    Result<ModuleGrid> grid = datamatrix_modules(symbol.data);
    if (!grid) return grid.error();
    const int m = module_pixels(symbol.module, dpi_);
    origin(symbol.x + symbol.quiet_modules * symbol.module, symbol.y + symbol.quiet_modules * symbol.module);
    out_ += "^BXN," + std::to_string(m) + ",200";
    // ZXing picked a rectangular symbol: ask for one (aspect ratio 2), else the printer's
    // default square one is larger than the layout's extent.
    if (grid.value().width != grid.value().height) out_ += ",,,,,2";
    field(symbol.data);
    return Done{};
  }

  Status emit(const QrSymbol& symbol) {
    if (Result<ModuleGrid> grid = qr_modules(symbol.data); !grid) return grid.error();
    const int m = std::clamp(module_pixels(symbol.module, dpi_), 1, 10);
    // ^FO is the first module: the quiet zone is ours, as for the other symbols.
    origin(symbol.x + symbol.quiet_modules * symbol.module, symbol.y + symbol.quiet_modules * symbol.module);
    out_ += "^BQN,2," + std::to_string(m);
    field("MA," + symbol.data);  // error correction M, automatic input mode
    return Done{};
  }

  int dpi_;
  double dots_per_mm_;
  ZplOptions options_;
  std::string out_;
};

}  // namespace

std::string zpl_field_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    // ZPL's command prefixes, the ^FH escape itself, and control bytes; UTF-8 (^CI28) as is.
    if (c == '^' || c == '~' || c == '_' || byte < 0x20 || byte == 0x7f) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "_%02X", static_cast<unsigned char>(c));
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::string> render_zpl(const Layout& layout, int dpi, ZplOptions options) {
  return ZplWriter(dpi, options).write(layout);
}

}  // namespace cj::labels
