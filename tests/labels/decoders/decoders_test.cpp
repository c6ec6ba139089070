// Every label, in every format, read back by independent decoders: the rasters of corpus.h (PNG
// as rendered; PDF by pdftoppm; SVG by rsvg-convert; ZPL by zpl-renderer-js), decoded by ZXing
// (in-process, one symbol's region per call), by zbarimg (Code 128 and QR, the whole label) and
// by dmtxread (DataMatrix). Each Code 128 parses (isbt128/) to the label's structure, the
// DataMatrix is the compound message, the QR the link; every symbol lies on the label and apart
// from the others. The figures (symbols read back / total, per format and decoder) are printed.
#include <gtest/gtest.h>

#include <ZXing/DecodeHints.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "isbt128/isbt128.h"
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
  std::vector<std::string> errors;
};

struct Results {
  std::unique_ptr<cj::testing::TempDir> dir;
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

Results& results() {
  static Results* results = [] {
    auto* r = new Results;
    const auto start = std::chrono::steady_clock::now();
    r->dir = std::make_unique<cj::testing::TempDir>("celljourney-label-decoders-");
    r->corpus = make_corpus(r->dir->path());
    const std::vector<Raster>& rasters = r->corpus.rasters;
    r->readings.resize(rasters.size());

    // The independent decoders, as processes, two at a time.
    std::vector<Command> commands;
    std::vector<std::pair<std::size_t, bool>> owner;  // raster, is dmtxread
    for (std::size_t i = 0; i < rasters.size(); ++i) {
      const Raster& raster = rasters[i];
      if (!raster.problem.empty()) continue;
      const fs::path out = raster.png.string() + ".zbar.xml";
      commands.push_back({"zbarimg --xml -q -Sdisable -Scode128.enable -Sqrcode.enable " + raster.png.string(), out});
      owner.emplace_back(i, false);
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
        owner.emplace_back(i, true);
      }
    }
    std::thread zxing([&] {
      for (std::size_t i = 0; i < rasters.size(); ++i) {
        const Raster& raster = rasters[i];
        Reading& reading = r->readings[i];
        reading.zxing.assign(raster.symbols.size(), false);
        if (!raster.problem.empty()) continue;
        std::optional<Gray> image = load_png(read_text(raster.png));
        if (!image) {
          reading.errors.push_back("cannot read " + raster.png.string());
          continue;
        }
        const double scale = static_cast<double>(image->width) / raster.width;  // 1 but for rounding
        for (std::size_t k = 0; k < raster.symbols.size(); ++k) {
          const PlacedSymbol& s = raster.symbols[k];
          const auto format = s.kind == SymbolKind::Code128      ? ZXing::BarcodeFormat::Code128
                              : s.kind == SymbolKind::DataMatrix ? ZXing::BarcodeFormat::DataMatrix
                                                                 : ZXing::BarcodeFormat::QRCode;
          const PixelRect rect = scale == 1 ? s.rect : scale_rect(s.rect, scale);
          std::optional<std::string> text = decode_one(*image, format, rect, raster.dpi / 25);
          reading.zxing[k] = text && text_matches(*raster.label, s, *text);
          if (!reading.zxing[k])
            reading.errors.push_back("ZXing: " + describe(s) + (text ? " reads " + *text : " unread"));
        }
      }
    });
    run_all(commands);
    zxing.join();

    for (std::size_t i = 0; i < rasters.size(); ++i)
      r->readings[i].independent.assign(rasters[i].symbols.size(), false);
    for (std::size_t c = 0; c < commands.size(); ++c) {
      const auto [i, dmtx] = owner[c];
      const Raster& raster = rasters[i];
      Reading& reading = r->readings[i];
      if (dmtx) {
        std::string text = read_text(commands[c].output);
        for (std::size_t k = 0; k < raster.symbols.size(); ++k)
          if (raster.symbols[k].kind == SymbolKind::DataMatrix) {
            reading.independent[k] = text_matches(*raster.label, raster.symbols[k], text);
            if (!reading.independent[k])
              reading.errors.push_back("dmtxread: " + describe(raster.symbols[k]) + " reads '" + text + "'");
          }
        continue;
      }
      // zbarimg reads the whole label: each expected symbol takes one reading of its kind.
      std::vector<ZbarSymbol> found = parse_zbar_xml(read_text(commands[c].output));
      for (std::size_t k = 0; k < raster.symbols.size(); ++k) {
        const PlacedSymbol& s = raster.symbols[k];
        if (s.kind == SymbolKind::DataMatrix) continue;
        const std::string type = s.kind == SymbolKind::Code128 ? "CODE-128" : "QR-Code";
        auto hit = std::find_if(found.begin(), found.end(), [&](const ZbarSymbol& z) {
          return z.type == type && text_matches(*raster.label, s, z.data);
        });
        reading.independent[k] = hit != found.end();
        if (hit != found.end()) found.erase(hit);
        else reading.errors.push_back("zbarimg: " + describe(s) + " not among its readings");
      }
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

INSTANTIATE_TEST_SUITE_P(Formats, LabelDecodersByFormat, ::testing::Values("png", "pdf", "svg", "zpl"),
                         [](const auto& info) { return info.param; });

// The figures for docs/labels.md: symbols read back / total, per format, dpi and decoder.
TEST(LabelDecoders, Figures) {
  const Results& r = results();
  std::map<std::string, std::array<int, 3>> figures;  // "zpl 203" -> zxing, independent, total
  for (std::size_t i = 0; i < r.corpus.rasters.size(); ++i) {
    const Raster& raster = r.corpus.rasters[i];
    auto& f = figures[raster.format + " " + std::to_string(raster.dpi)];
    const Reading& reading = r.readings[i];
    for (std::size_t k = 0; k < raster.symbols.size(); ++k) {
      f[0] += k < reading.zxing.size() && reading.zxing[k];
      f[1] += k < reading.independent.size() && reading.independent[k];
      f[2] += 1;
    }
  }
  std::printf("%zu labels, %zu rasters, %.1f s\nformat dpi  ZXing  zbarimg/dmtxread\n", r.corpus.labels.size(),
              r.corpus.rasters.size(), r.seconds);
  for (const auto& [name, f] : figures) std::printf("%-10s %4d/%-4d %4d/%-4d\n", name.c_str(), f[0], f[2], f[1], f[2]);
  EXPECT_FALSE(figures.empty());
}

}  // namespace
}  // namespace cj::labels::testing
