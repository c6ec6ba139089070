// The labels of the decoder tests: every template built from the example data and from every
// data set in tests/labels/data_sets/, rendered to PNG (cairo, in-process), PDF and SVG (cairo,
// rasterised by pdftoppm and rsvg-convert) and ZPL (rasterised by zpl-renderer-js in one node
// process) at 203, 300 and 600 dpi, with each symbol's place in pixels. For ZPL the places come
// from the ZPL itself (^FO and the module count of the field data), for the others from the layout.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "labels/cairo_render.h"
#include "labels/template.h"

namespace cj::labels::testing {

inline constexpr int kDpis[] = {203, 300, 600};
// "zpl_auto": the same ZPL with each ^BC field given to Zebrash as its text in automatic mode
// (^BC...,A), because Zebrash 1.38.0 draws ZPL II's ">5" (CODE C) wrongly: its own encoder then
// chooses the subsets, and the bars it draws must be the values our ^BC field data asks for.
inline constexpr const char* kFormats[] = {"png", "pdf", "svg", "zpl", "zpl_auto"};

enum class SymbolKind { Code128, DataMatrix, Qr };

// One symbol on one raster, quiet zone included; `index` counts the label's Code 128 symbols.
struct PlacedSymbol {
  SymbolKind kind = SymbolKind::Code128;
  PixelRect rect;
  std::size_t index = 0;
  // ZPL Code 128 only: the values the ^BC field data asks for (start character first, no check
  // character), read by tests/labels/zpl_parse.h, the first bar's x and the module in dots.
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
