// The labels of the decoder tests: every template built from the example data and from every
// data set in tests/labels/data_sets/, rendered to PNG (cairo, in-process), PDF and SVG (cairo,
// rasterised by pdftoppm and rsvg-convert) and ZPL as sent (rasterised by zpl-renderer-js in one
// node process), with each symbol's place in pixels. For ZPL the places come from the ZPL itself
// (^FO and the module count of the Code 128 values), for the others from the layout.
// Resolutions (kept to what differs, for the suite's wall time): ZPL at 203, 300 and 600 dpi for
// every set (each is another dot grid the printer gets); PNG, PDF and SVG at 203 and 300 for every
// set and at 600 for the example only (a finer grid of the same drawing); the explicit-codeword
// ZPL (zpl_options.h) at 203 dpi only, for its renderer-defect fingerprint.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "labels/cairo_render.h"
#include "labels/template.h"

namespace cj::labels::testing {

inline constexpr int kDpis[] = {203, 300, 600};
// "zpl": as sent, ^BC in Zebra's automatic mode. "zpl_explicit": ^BC with the raster's codewords
// (--zpl-code128 explicit), which Zebrash 1.38.0 draws wrongly at ">5" (CODE C).
inline constexpr const char* kFormats[] = {"png", "pdf", "svg", "zpl", "zpl_explicit"};

// Whether `format` at `dpi` is rendered for `data_set` (see above).
bool rendered(const std::string& data_set, const std::string& format, int dpi);

enum class SymbolKind { Code128, DataMatrix, Qr };

// One symbol on one raster, quiet zone included; `index` counts the label's Code 128 symbols.
struct PlacedSymbol {
  SymbolKind kind = SymbolKind::Code128;
  PixelRect rect;
  std::size_t index = 0;
  // ZPL Code 128 only: the values the printer must draw (start character first, no check
  // character): explicit, the ^BC field data's (tests/labels/zpl_parse.h); automatic, our own
  // writer's for the field's text (the raster's); the first bar's x and the module in dots.
  std::vector<int> values;
  int first_bar = 0, module = 0;
};

struct Raster {
  std::string name;  // "example/apheresis-bag/zpl/203"

  std::string format;
  int dpi = 0;
  const Label* label = nullptr;
  std::filesystem::path png;  // the raster as the tool wrote it
  int width = 0, height = 0;  // the label in pixels (dots)
  std::vector<PlacedSymbol> symbols;
  std::string problem;  // why it could not be made (rendering or a tool failed); empty when fine
};

// A template and data set pair: built, or refused as the data set expected.
struct BuiltLabel {
  std::string data_set, template_name;
  std::string refused_field;  // the refusal's field when refused as expected
  Label label;
};

struct Corpus {
  std::vector<BuiltLabel> labels;
  std::vector<std::string> problems;  // data sets that do not load, refusals nobody expected
  std::vector<Raster> rasters;
};

// Builds and renders everything into `dir` (the tools run two at a time).
Corpus make_corpus(const std::filesystem::path& dir);

}  // namespace cj::labels::testing
