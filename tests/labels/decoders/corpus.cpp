#include "tests/labels/decoders/corpus.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <variant>

#include "labels/code128_codewords.h"
#include "labels/render.h"
#include "labels/symbols.h"
#include "tests/labels/decoders/tools.h"
#include "tests/labels/zpl_parse.h"

namespace cj::labels::testing {
namespace {

namespace fs = std::filesystem;

struct DataSet {
  std::string name;
  std::map<std::string, std::string> data;            // template -> label data JSON
  std::map<std::string, std::string> expect_refused;  // template -> field
};

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// The example data (docs/labels/example.json) for every template, then tests/labels/data_sets/.
std::vector<DataSet> load_data_sets(std::vector<std::string>& problems) {
  const fs::path source = CELLJOURNEY_SOURCE_DIR;
  std::vector<DataSet> sets;
  DataSet example{"example", {}, {}};
  const std::string example_json = read_text(source / "docs/labels/example.json");
  for (const Template& t : templates()) example.data[std::string(t.name)] = example_json;
  sets.push_back(example);

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(source / "tests/labels/data_sets"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    boost::system::error_code ec;
    const boost::json::value value = boost::json::parse(read_text(file), ec);
    if (ec || !value.is_object()) {
      problems.push_back(file.filename().string() + ": not a JSON object");
      continue;
    }
    DataSet set{file.stem().string(), {}, {}};
    for (const auto& [key, part] : value.as_object()) {
      if (key == "expect_refused") {
        if (!part.is_object()) problems.push_back(set.name + ": expect_refused must be an object");
        else
          for (const auto& [tpl, field] : part.as_object())
            set.expect_refused[std::string(tpl)] = field.is_string() ? std::string(field.as_string()) : "";
      } else if (!find_template(key)) {
        problems.push_back(set.name + ": no template called " + std::string(key));
      } else {
        set.data[std::string(key)] = boost::json::serialize(part);
      }
    }
    sets.push_back(std::move(set));
  }
  return sets;
}

PixelRect mm_rect(const Rect& r, int dpi) {
  const double scale = dpi / 25.4;
  return PixelRect{static_cast<int>(std::floor(r.x * scale)), static_cast<int>(std::floor(r.y * scale)),
                   static_cast<int>(std::ceil(r.width * scale)), static_cast<int>(std::ceil(r.height * scale))};
}

// Where the layout puts each symbol in a raster at `dpi`: the PNG's snapped pixels, or the
// exact millimetres of the vector formats.
std::vector<PlacedSymbol> layout_symbols(const Layout& layout, int dpi, bool snapped) {
  std::vector<PlacedSymbol> symbols;
  std::size_t linear = 0;
  for (const Element& e : layout.elements) {
    std::optional<SymbolKind> kind;
    Result<Rect> mm = Rect{};
    if (auto* s = std::get_if<Code128Symbol>(&e)) kind = SymbolKind::Code128, mm = extent(*s);
    if (auto* s = std::get_if<DataMatrixSymbol>(&e)) kind = SymbolKind::DataMatrix, mm = extent(*s);
    if (auto* s = std::get_if<QrSymbol>(&e)) kind = SymbolKind::Qr, mm = extent(*s);
    if (!kind || !mm) continue;
    const PixelRect rect = snapped ? png_extent(e, dpi).value() : mm_rect(mm.value(), dpi);
    PlacedSymbol& placed = symbols.emplace_back();
    placed.kind = *kind;
    placed.rect = rect;
    placed.index = *kind == SymbolKind::Code128 ? linear++ : 0;
  }
  return symbols;
}

// Where the ZPL puts each symbol: ^FO, the ^BY module and the symbol's module count (for ^BC
// counted from the field data), the quiet zones the layout asks for around it.
std::vector<PlacedSymbol> zpl_symbols(const Layout& layout, const std::string& zpl, std::string& problem) {
  std::vector<int> quiet;
  for (const Element& e : layout.elements) {
    if (auto* s = std::get_if<Code128Symbol>(&e)) quiet.push_back(s->quiet_modules);
    if (auto* s = std::get_if<DataMatrixSymbol>(&e)) quiet.push_back(s->quiet_modules);
    if (auto* s = std::get_if<QrSymbol>(&e)) quiet.push_back(s->quiet_modules);
  }
  std::vector<PlacedSymbol> symbols;
  std::size_t linear = 0;
  for (const ZplField& f : parse_zpl(zpl).fields) {
    if (f.command != "BC" && f.command != "BX" && f.command != "BQ") continue;
    if (symbols.size() >= quiet.size()) {
      problem = "more symbols in the ZPL than in the layout";
      break;
    }
    const int q = quiet[symbols.size()];
    if (f.command == "BC") {
      std::vector<int> values;
      if (f.automatic) {
        if (Result<ModuleGrid> grid = code128_modules(f.data))
          if (Result<std::vector<int>> codewords = code128_codewords(grid.value()))
            values.assign(codewords.value().begin(), codewords.value().end() - 1);  // no check character
      } else if (f.code128) {
        values = f.code128->values;
      }
      if (values.empty()) {
        problem = "undecodable ^BC data " + f.raw;
        break;
      }
      const int modules = static_cast<int>(values.size() + 1) * 11 + 13;  // with check and stop
      const int height = std::stoi(f.params.substr(f.params.find(',') + 1));
      PlacedSymbol& placed = symbols.emplace_back();
      placed.rect = PixelRect{f.x - q * f.module, f.y, (modules + 2 * q) * f.module, height};
      placed.index = linear++;
      placed.values = std::move(values);
      placed.first_bar = f.x;
      placed.module = f.module;
    } else {
      // ^BXN,m,... and ^BQN,2,m: the module size in dots; the matrix as our encoders make it.
      const bool dm = f.command == "BX";
      const std::string after = f.params.substr(f.params.find(',') + 1);
      const int m = dm ? std::stoi(after) : std::stoi(after.substr(after.find(',') + 1));
      Result<ModuleGrid> grid = dm ? datamatrix_modules(f.data) : qr_modules(f.data.substr(3));  // "MA,"
      if (!grid) {
        problem = "cannot encode the ZPL's " + f.command + " data";
        break;
      }
      PlacedSymbol& placed = symbols.emplace_back();
      placed.kind = dm ? SymbolKind::DataMatrix : SymbolKind::Qr;
      placed.rect =
          PixelRect{f.x - q * m, f.y - q * m, (grid.value().width + 2 * q) * m, (grid.value().height + 2 * q) * m};
    }
  }
  return symbols;
}

int dots(double mm, int dpi) { return static_cast<int>(std::lround(mm * dpi / 25.4)); }

}  // namespace

bool rendered(const std::string& data_set, const std::string& format, int dpi) {
  if (format == "zpl") return true;
  if (format == "zpl_explicit") return dpi == 203;
  return dpi != 600 || data_set == "example";
}

Corpus make_corpus(const fs::path& dir) {
  Corpus corpus;
  for (const DataSet& set : load_data_sets(corpus.problems)) {
    for (const auto& [name, json] : set.data) {
      Result<Label> label = build_label(name, json);
      const auto expected = set.expect_refused.find(name);
      if (label) {
        if (expected != set.expect_refused.end())
          corpus.problems.push_back(set.name + "/" + name + ": built, but the data set expects a refusal of " +
                                    expected->second);
        corpus.labels.push_back({set.name, name, "", std::move(label).value()});
      } else if (expected != set.expect_refused.end() && expected->second == label.error().field) {
        corpus.labels.push_back({set.name, name, label.error().field, {}});
      } else {
        corpus.problems.push_back(set.name + "/" + name + ": refused (" + label.error().field +
                                  "): " + label.error().message);
      }
    }
  }

  std::vector<Command> rasterise;
  boost::json::array zpl_jobs;
  for (const BuiltLabel& built : corpus.labels) {
    if (!built.refused_field.empty()) continue;
    const Layout& layout = built.label.layout;
    const std::string stem = built.data_set + "__" + built.template_name;
    const fs::path pdf = dir / (stem + ".pdf"), svg = dir / (stem + ".svg");
    write_file(pdf, render(layout, Format::Pdf).value());
    write_file(svg, render(layout, Format::Svg).value());
    for (int dpi : kDpis) {
      for (const char* format : kFormats) {
        if (!rendered(built.data_set, format, dpi)) continue;
        Raster r;
        r.name = built.data_set + "/" + built.template_name + "/" + format + "/" + std::to_string(dpi);
        r.format = format;
        r.dpi = dpi;
        r.label = &built.label;
        r.width = dots(layout.width, dpi);
        r.height = dots(layout.height, dpi);
        const std::string base = stem + "__" + format + "_" + std::to_string(dpi);
        r.png = dir / (base + ".png");
        if (r.format == "png") {
          Result<std::string> png = render(layout, Format::Png, dpi);
          if (png) write_file(r.png, png.value());
          else r.problem = png.error().message;
          r.symbols = layout_symbols(layout, dpi, true);
        } else if (r.format == "pdf" || r.format == "svg") {
          const std::string d = std::to_string(dpi);
          const std::string line = r.format == "pdf" ? "pdftoppm -r " + d + " -gray -png -singlefile " + pdf.string() +
                                                           " " + (dir / base).string()
                                                     : "rsvg-convert --dpi-x " + d + " --dpi-y " + d + " -b white -o " +
                                                           r.png.string() + " " + svg.string();
          rasterise.push_back({line, dir / (base + ".log")});
          r.symbols = layout_symbols(layout, dpi, false);
        } else {
          const ZplOptions options{r.format == "zpl" ? ZplCode128Mode::Automatic : ZplCode128Mode::Explicit};
          Result<std::string> zpl = render(layout, Format::Zpl, dpi, options);
          if (!zpl) {
            r.problem = zpl.error().message;
          } else {
            const fs::path file = dir / (base + ".zpl");
            write_file(file, zpl.value());
            r.symbols = zpl_symbols(layout, zpl.value(), r.problem);
            zpl_jobs.push_back(boost::json::object{{"zpl", file.string()},
                                                   {"png", r.png.string()},
                                                   {"width_dots", r.width},
                                                   {"height_dots", r.height},
                                                   {"dpi", dpi}});
          }
        }
        corpus.rasters.push_back(std::move(r));
      }
    }
  }
  // One node process for all ZPL, beside the other tools.
  write_file(dir / "zpl_jobs.json", boost::json::serialize(zpl_jobs));
  const fs::path script = fs::path(CELLJOURNEY_SOURCE_DIR) / "tests/labels/zpl_to_png.mjs";
  rasterise.insert(rasterise.begin(),
                   Command{"node " + script.string() + " " + (dir / "zpl_jobs.json").string(), dir / "node.log"});
  run_all(rasterise);
  for (const Command& c : rasterise)
    if (c.status != 0) corpus.problems.push_back(c.line + " failed: " + read_text(c.output.string() + ".err"));
  for (Raster& r : corpus.rasters)
    if (r.problem.empty() && !fs::exists(r.png)) r.problem = "no raster written";
  return corpus;
}

}  // namespace cj::labels::testing
