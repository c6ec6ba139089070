// Layout: what a label shows and where, in millimetres from the top-left corner. Templates build
// one from data; every renderer (cairo PNG/PDF/SVG, ZPL) draws the same layout, so all agree.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace cj::labels {

// An axis-aligned rectangle in mm.
struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
  bool operator==(const Rect&) const = default;
};

enum class Weight { Regular, Bold };

// Text is DejaVu Sans (0/O and 1/I differ, ST-001 §7.3); sizes are cap heights.
inline constexpr char kFontFamily[] = "DejaVu Sans";
inline constexpr double kCapHeightPerEm = 0.73;  // DejaVu Sans cap height / font size

// One line of text; `y` is the top of the text, `size` its cap height in mm. A `turned` run
// reads top to bottom (turned 90° clockwise, as DIN flags are printed); x is then its left.
struct TextRun {
  double x = 0, y = 0;
  double size = 2.0;
  Weight weight = Weight::Regular;
  std::string text;
  bool turned = false;
  double width = 0;  // mm the text may take; 0 = no limit
  bool operator==(const TextRun&) const = default;
};

// A character in a box: the DIN's keyboard check character K (ST-001 §7.4.1).
struct BoxedCharacter {
  double x = 0, y = 0;
  double size = 3.0;  // cap height in mm; the box is about 1.6 x size square
  char character = '0';
  bool operator==(const BoxedCharacter&) const = default;
};

// A rectangle outline (`line` > 0) or a filled rectangle (`line` == 0).
struct Box {
  Rect rect;
  double line = 0.3;
  bool operator==(const Box&) const = default;
};

// One ISBT 128 data structure as Code 128: bars start at x + quiet_modules * module.
struct Code128Symbol {
  double x = 0, y = 0;     // top-left of the quiet zone
  double module = 0.25;    // X in mm (ST-001 §6.1: target 0.25, min 0.17)
  double height = 8.0;     // bar height in mm (>= 5 mm)
  int quiet_modules = 10;  // each side (>= 10X)
  std::string data;        // the structure as scanned, data identifier included
  bool operator==(const Code128Symbol&) const = default;
};

// DataMatrix ECC 200 (e.g. a compound message "=+04000..."): modules start at x + quiet * module.
struct DataMatrixSymbol {
  double x = 0, y = 0;
  double module = 0.5;
  int quiet_modules = 2;  // >= 1X (ST-001 §6.2)
  std::string data;
  bool operator==(const DataMatrixSymbol&) const = default;
};

// QR code (the journey's link for the coordinator board).
struct QrSymbol {
  double x = 0, y = 0;
  double module = 0.5;
  int quiet_modules = 4;
  std::string data;
  bool operator==(const QrSymbol&) const = default;
};

using Element = std::variant<TextRun, BoxedCharacter, Box, Code128Symbol, DataMatrixSymbol, QrSymbol>;

struct Layout {
  double width = 100, height = 100;  // label stock in mm
  std::vector<Element> elements;
};

}  // namespace cj::labels
