// Every label, in every format, read back by independent decoders: the rasters of corpus.h (PNG
// as rendered; PDF by pdftoppm; SVG by rsvg-convert; ZPL as sent by zpl-renderer-js), decoded by ZXing
// (in-process, one symbol's region per call), by zbarimg (Code 128 and QR, the whole label) and
// by dmtxread (DataMatrix). Each Code 128 parses (isbt128/) to the label's structure, the
// DataMatrix is the compound message, the QR the link; every symbol lies on the label and apart
// from the others; each ZPL Code 128's bars are the values the printer must draw. The figures
// (symbols read back / total, per format and decoder) are printed.
#include <gtest/gtest.h>

#include <ZXing/DecodeHints.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "isbt128/isbt128.h"
#include "labels/code128_codewords.h"
#include "tests/labels/decoders/corpus.h"
#include "tests/labels/decoders/tools.h"
#include "tests/labels/label_image.h"
#include "tests/support/temp_dir.h"

namespace cj::labels::testing {
namespace {

namespace fs = std::filesystem;

// What the decoders made of one raster's symbols: one flag per symbol and decoder.
struct Reading {
  std::vector<bool> zxing, independent;  // independent: zbarimg (Code 128, QR) or dmtxread (DataMatrix)
  std::vector<bool> renderer_defect;     // explicit ZPL: Zebrash's CODE C defect (see below)
  std::vector<std::string> errors;
  std::vector<std::string> notes;  // misses that are figures, not failures (see below)
};

struct Results {
  std::unique_ptr<cj::testing::TempDir> dir;
  fs::path path;  // dir's, or LABEL_DECODERS_DIR
  Corpus corpus;
  std::vector<Reading> readings;  // one per corpus.rasters
  double seconds = 0;
};

bool text_matches(const Label& label, const PlacedSymbol& symbol, const std::string& text) {
  if (symbol.kind == SymbolKind::DataMatrix) return text == label.compound;
  if (symbol.kind == SymbolKind::Qr) return text == label.link;
  isbt128::ParseResult parsed = isbt128::parse(text);
  return parsed.ok() && parsed.value().size() == 1 && symbol.index < label.structures.size() &&
         parsed.value().front() == label.structures[symbol.index];
}

std::string describe(const PlacedSymbol& s) {
  const char* kind = s.kind == SymbolKind::Code128      ? "Code 128"
                     : s.kind == SymbolKind::DataMatrix ? "DataMatrix"
                                                        : "QR";
  return std::string(kind) + " at " + std::to_string(s.rect.x) + "," + std::to_string(s.rect.y);
}

// The Code 128 values a raster's bars show, character by character from the first bar at `x`
// along row `y`, each module `m` pixels (sampled at its middle); -1 where no pattern matches.
std::vector<int> bar_values(const Gray& image, int x, int y, int m, std::size_t characters) {
  std::vector<int> values;
  for (std::size_t k = 0; k < characters; ++k) {
    std::string widths;
    int run = 0;
    bool previous = true;
    for (int j = 0; j < 11; ++j) {
      const int px = x + (static_cast<int>(k) * 11 + j) * m + m / 2;
      const bool dark = px < image.width && image.at(px, y) < 128;
      if (j > 0 && dark != previous) widths += static_cast<char>('0' + run), run = 0;
      previous = dark;
      ++run;
    }
    widths += static_cast<char>('0' + run);
    int value = -1;
    for (int v = 0; v < 106; ++v)
      if (code128_widths(v) == widths) value = v;
    values.push_back(value);
  }
  return values;
}

// Zebrash 1.38.0 (zpl-renderer-js 3.4.0) writes value 100 for ">5" (CODE C, value 99 in ZPL II
// Table 6) and stays in subset B; every ISBT 128 structure switches from B to C after its data
// identifier, so every explicit ^BC of ours meets it (the automatic ZPL we send has no ">5").
// True when that, and only that, is where the bars first differ from the field data: then the
// symbol is counted as the renderer's defect, not read back, and the day Zebrash draws CODE C
// this stops matching and the symbol must read.
bool zebrash_code_c_defect(const std::vector<int>& expected, const std::vector<int>& drawn) {
  for (std::size_t k = 0; k < expected.size() && k < drawn.size(); ++k)
    if (expected[k] != drawn[k]) return expected[k] == 99 && drawn[k] == 100;
  return false;
}

// A bi-level copy (threshold at mid-grey), as a print head or a printer driver makes of a PDF or
// SVG: ZXing 1.4 misses some 2-pixel modules with grey, antialiased edges at 203 dpi, so a PDF or
// SVG symbol it cannot read in grey is tried once more in black and white.
Gray bi_level(Gray image) {
  for (std::uint8_t& p : image.pixels) p = p < 128 ? 0 : 255;
  return image;
}

Results& results() {
  static Results* results = [] {
    auto* r = new Results;
    const auto start = std::chrono::steady_clock::now();
    // LABEL_DECODERS_DIR keeps the files (to look at them, or for docs/labels/); else a temp dir.
    const char* keep = std::getenv("LABEL_DECODERS_DIR");
    if (!keep) r->dir = std::make_unique<cj::testing::TempDir>("celljourney-label-decoders-");
    if (keep) fs::create_directories(keep);
    r->path = keep ? fs::path(keep) : r->dir->path();
    r->corpus = make_corpus(r->path);
    std::printf("rendered and rasterised in %.1f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    const std::vector<Raster>& rasters = r->corpus.rasters;
    r->readings.resize(rasters.size());

    // The independent decoders, as processes: zbarimg over batches of rasters (each start costs
    // ImageMagick's set-up), dmtxread once per DataMatrix (its region differs).
    std::vector<Command> commands;
    std::vector<std::size_t> dmtx_owner;  // the raster of each dmtxread command, after the batches
    constexpr std::size_t kZbarBatch = 8;
    std::size_t batch_files = kZbarBatch;
    for (std::size_t i = 0; i < rasters.size(); ++i) {
      if (!rasters[i].problem.empty()) continue;
      if (batch_files == kZbarBatch) {
        commands.push_back({"zbarimg --xml -q -Sdisable -Scode128.enable -Sqrcode.enable",
                            r->path / ("zbar-" + std::to_string(commands.size()) + ".xml")});
        batch_files = 0;
      }
      commands.back().line += " " + rasters[i].png.string();
      ++batch_files;
    }
    const std::size_t zbar_commands = commands.size();
    for (std::size_t i = 0; i < rasters.size(); ++i) {
      const Raster& raster = rasters[i];
      if (!raster.problem.empty()) continue;
      for (const PlacedSymbol& s : raster.symbols) {
        if (s.kind != SymbolKind::DataMatrix) continue;
        // libdmtx counts y from the bottom of the image; the region is where the label puts it.
        const int margin = raster.dpi / 25;
        const std::string region = " -x " + std::to_string(std::max(0, s.rect.x - margin)) + " -X " +
                                   std::to_string(s.rect.x + s.rect.width + margin) + " -y " +
                                   std::to_string(std::max(0, raster.height - s.rect.y - s.rect.height - margin)) +
                                   " -Y " + std::to_string(raster.height - s.rect.y + margin);
        commands.push_back(
            {"dmtxread -N1 -m 20000" + region + " " + raster.png.string(), raster.png.string() + ".dmtx.txt"});
        dmtx_owner.push_back(i);
      }
    }
    std::thread zxing([&] {
      for (std::size_t i = 0; i < rasters.size(); ++i) {
        const Raster& raster = rasters[i];
        Reading& reading = r->readings[i];
        reading.zxing.assign(raster.symbols.size(), false);
        if (!raster.problem.empty()) continue;
        reading.renderer_defect.assign(raster.symbols.size(), false);
        std::optional<Gray> image = load_png(read_text(raster.png));
        if (!image) {
          reading.errors.push_back("cannot read " + raster.png.string());
          continue;
        }
        const bool vector = raster.format == "pdf" || raster.format == "svg";
        const std::optional<Gray> bi = vector ? std::optional<Gray>(bi_level(*image)) : std::nullopt;
        std::vector<PixelRect> defects;
        const double scale = static_cast<double>(image->width) / raster.width;  // 1 but for rounding
        for (std::size_t k = 0; k < raster.symbols.size(); ++k) {
          const PlacedSymbol& s = raster.symbols[k];
          const auto format = s.kind == SymbolKind::Code128      ? ZXing::BarcodeFormat::Code128
                              : s.kind == SymbolKind::DataMatrix ? ZXing::BarcodeFormat::DataMatrix
                                                                 : ZXing::BarcodeFormat::QRCode;
          const PixelRect rect = scale == 1 ? s.rect : scale_rect(s.rect, scale);
          if (!s.values.empty()) {
            // ZPL: are the printer's bars the values it must draw? (The check character too.) In
            // automatic mode that is where the printer's choice of subsets meets the layout's width.
            std::vector<int> expected = s.values;
            long sum = expected.front();
            for (std::size_t v = 1; v < expected.size(); ++v) sum += static_cast<long>(v) * expected[v];
            expected.push_back(static_cast<int>(sum % 103));
            const std::vector<int> drawn =
                bar_values(*image, s.first_bar, s.rect.y + s.rect.height / 2, s.module, expected.size());
            if (drawn != expected) {
              // The defect itself, or its consequence: a defect symbol grown over this one.
              const bool overrun = std::any_of(defects.begin(), defects.end(), [&](const PixelRect& d) {
                return d.x < s.rect.x && d.y < s.rect.y + s.rect.height && s.rect.y < d.y + d.height;
              });
              if (raster.format == "zpl_explicit" && (zebrash_code_c_defect(expected, drawn) || overrun)) {
                reading.renderer_defect[k] = true;
                defects.push_back(s.rect);
                continue;
              }
              reading.errors.push_back("Zebrash: " + describe(s) + " has other bars than the values it must draw");
            }
          }
          // Around a Code 128 less than its quiet zone; a matrix more: Zebrash draws ^BQ lower.
          const int margin = raster.dpi / (s.kind == SymbolKind::Code128 ? 25 : 12);
          std::optional<std::string> text = decode_one(*image, format, rect, margin);
          if (bi && !(text && text_matches(*raster.label, s, *text))) text = decode_one(*bi, format, rect, margin);
          reading.zxing[k] = text && text_matches(*raster.label, s, *text);
          // PDF and SVG at 203 dpi put a 0.25 mm module on 1.998 dots, not on whole dots as PNG
          // and ZPL do; ZXing 1.4 misses some such symbols that zbarimg reads (both must read
          // everything else). Such a miss is counted in the figures and noted, not failed.
          if (!reading.zxing[k])
            (vector && raster.dpi == 203 ? reading.notes : reading.errors)
                .push_back("ZXing: " + describe(s) + (text ? " reads " + *text : " unread"));
        }
      }
    });
    run_all(commands, 4);  // mostly waiting: ImageMagick's start-up, not decoding
    zxing.join();          // before the readings below, which look at renderer_defect

    for (std::size_t i = 0; i < rasters.size(); ++i)
      r->readings[i].independent.assign(rasters[i].symbols.size(), false);
    for (std::size_t c = zbar_commands; c < commands.size(); ++c) {
      const std::size_t i = dmtx_owner[c - zbar_commands];
      const Raster& raster = rasters[i];
      Reading& reading = r->readings[i];
      {
        std::string text = read_text(commands[c].output);
        for (std::size_t k = 0; k < raster.symbols.size(); ++k)
          if (raster.symbols[k].kind == SymbolKind::DataMatrix) {
            reading.independent[k] = text_matches(*raster.label, raster.symbols[k], text);
            if (!reading.independent[k])
              reading.errors.push_back("dmtxread: " + describe(raster.symbols[k]) + " reads '" + text + "'");
          }
      }
    }
    std::map<std::string, std::vector<ZbarSymbol>> zbar;
    for (std::size_t c = 0; c < zbar_commands; ++c) zbar.merge(parse_zbar_xml(read_text(commands[c].output)));
    for (std::size_t i = 0; i < rasters.size(); ++i) {
      const Raster& raster = rasters[i];
      Reading& reading = r->readings[i];
      if (!raster.problem.empty()) continue;
      // zbarimg reads the whole label: each expected symbol takes one reading of its kind.
      std::vector<ZbarSymbol> found = zbar[raster.png.string()];
      for (std::size_t k = 0; k < raster.symbols.size(); ++k) {
        const PlacedSymbol& s = raster.symbols[k];
        if (s.kind == SymbolKind::DataMatrix || reading.renderer_defect[k]) continue;
        const std::string type = s.kind == SymbolKind::Code128 ? "CODE-128" : "QR-Code";
        auto hit = std::find_if(found.begin(), found.end(), [&](const ZbarSymbol& z) {
          return z.type == type && text_matches(*raster.label, s, z.data);
        });
        reading.independent[k] = hit != found.end();
        if (hit != found.end()) found.erase(hit);
        else reading.errors.push_back("zbarimg: " + describe(s) + " not among its readings");
      }
      // Left over: fine only as the reading of a symbol Zebrash drew wrongly (zbar skips FNC 4).
      const bool defects = std::find(reading.renderer_defect.begin(), reading.renderer_defect.end(), true) !=
                           reading.renderer_defect.end();
      if (!defects)
        for (const ZbarSymbol& z : found)
          reading.errors.push_back("zbarimg: a reading of nothing on the label: " + z.type + " " + z.data);
    }
    r->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  }();
  return *results;
}

TEST(LabelDecoders, DataSetsBuildOrAreRefusedNamingTheFieldTheyExpect) {
  const Corpus& corpus = results().corpus;
  for (const std::string& problem : corpus.problems) ADD_FAILURE() << problem;
  EXPECT_GE(corpus.labels.size(), 5u) << "at least the example data for every template";
}

class LabelDecodersByFormat : public ::testing::TestWithParam<std::string> {};

TEST_P(LabelDecodersByFormat, EverySymbolReadsBackToItsDataWithBothDecoders) {
  const Results& r = results();
  int rasters = 0;
  for (std::size_t i = 0; i < r.corpus.rasters.size(); ++i) {
    const Raster& raster = r.corpus.rasters[i];
    if (raster.format != GetParam()) continue;
    ++rasters;
    EXPECT_TRUE(raster.problem.empty()) << raster.name << ": " << raster.problem;
    EXPECT_FALSE(raster.symbols.empty()) << raster.name;
    for (const std::string& error : r.readings[i].errors) ADD_FAILURE() << raster.name << ": " << error;
    for (const std::string& note : r.readings[i].notes)
      std::printf("note: %s: %s\n", raster.name.c_str(), note.c_str());
  }
  EXPECT_GT(rasters, 0);
}

TEST_P(LabelDecodersByFormat, SymbolsLieOnTheLabelAndApart) {
  for (const Raster& raster : results().corpus.rasters) {
    if (raster.format != GetParam()) continue;
    for (std::size_t a = 0; a < raster.symbols.size(); ++a) {
      const PixelRect& p = raster.symbols[a].rect;
      EXPECT_TRUE(p.x >= 0 && p.y >= 0 && p.x + p.width <= raster.width && p.y + p.height <= raster.height)
          << raster.name << ": " << describe(raster.symbols[a]) << " size " << p.width << "x" << p.height
          << " leaves the " << raster.width << "x" << raster.height << " label";
      for (std::size_t b = a + 1; b < raster.symbols.size(); ++b) {
        const PixelRect& q = raster.symbols[b].rect;
        const bool apart =
            p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
        EXPECT_TRUE(apart) << raster.name << ": " << describe(raster.symbols[a]) << " overlaps "
                           << describe(raster.symbols[b]) << " (quiet zones included)";
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, LabelDecodersByFormat, ::testing::Values("png", "pdf", "svg", "zpl", "zpl_explicit"),
                         [](const auto& info) { return info.param; });

// The figures for docs/labels.md: symbols read back / total, per format, dpi and decoder.
TEST(LabelDecoders, Figures) {
  const Results& r = results();
  std::map<std::string, std::array<int, 4>> figures;  // "zpl 203" -> zxing, independent, total, defect
  for (std::size_t i = 0; i < r.corpus.rasters.size(); ++i) {
    const Raster& raster = r.corpus.rasters[i];
    auto& f = figures[raster.format + " " + std::to_string(raster.dpi)];
    const Reading& reading = r.readings[i];
    for (std::size_t k = 0; k < raster.symbols.size(); ++k) {
      f[0] += k < reading.zxing.size() && reading.zxing[k];
      f[1] += k < reading.independent.size() && reading.independent[k];
      f[2] += 1;
      f[3] += k < reading.renderer_defect.size() && reading.renderer_defect[k];
    }
  }
  std::printf("%zu labels, %zu rasters, %.1f s\nformat dpi  ZXing      zbarimg/dmtxread  Zebrash's CODE C defect\n",
              r.corpus.labels.size(), r.corpus.rasters.size(), r.seconds);
  for (const auto& [name, f] : figures)
    std::printf("%-10s %4d/%-4d  %4d/%-4d         %d\n", name.c_str(), f[0], f[2], f[1], f[2], f[3]);
  EXPECT_FALSE(figures.empty());
}

}  // namespace
}  // namespace cj::labels::testing
