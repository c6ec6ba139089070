// Render -> read back: every template's PNG decodes (ZXing) and parses (isbt128) to the data it
// was made from, for generated data sets, upright and turned 90/180/270 degrees, and scaled
// down to 203 dpi (thermal printers) from 300 dpi. PDF, SVG and ZPL rasters, and the independent
// decoders: tests/labels/decoders/.
#include <gtest/gtest.h>

#include <variant>

#include "isbt128/isbt128.h"
#include "labels/cairo_render.h"
#include "labels/render.h"
#include "labels/template.h"
#include "tests/labels/generated_data.h"
#include "tests/labels/label_image.h"

namespace cj::labels {
namespace {

using testing::DataGenerator;
using testing::GeneratedData;
using testing::Gray;

constexpr int kDataSets = 50;
constexpr auto kAllFormats =
    ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::DataMatrix | ZXing::BarcodeFormat::QRCode;

struct Symbol {
  PixelRect rect;
  bool linear = false;
  bool datamatrix = false;
};

std::vector<Symbol> symbols_of(const Layout& layout, int dpi) {
  std::vector<Symbol> symbols;
  for (const Element& element : layout.elements) {
    if (std::holds_alternative<TextRun>(element) || std::holds_alternative<BoxedCharacter>(element) ||
        std::holds_alternative<Box>(element))
      continue;
    Result<PixelRect> rect = png_extent(element, dpi);
    EXPECT_TRUE(rect.ok());
    symbols.push_back({rect.value(), std::holds_alternative<Code128Symbol>(element),
                       std::holds_alternative<DataMatrixSymbol>(element)});
  }
  return symbols;
}

// Reads every symbol of `image` back and checks it against the label; `where` names the case.
void expect_reads_back(const Label& label, const Gray& image, const std::vector<Symbol>& symbols,
                       const std::string& where) {
  std::size_t linear = 0;
  for (const Symbol& symbol : symbols) {
    std::optional<std::string> text = testing::decode_one(image, kAllFormats, symbol.rect);
    ASSERT_TRUE(text.has_value()) << where << ": symbol at " << symbol.rect.x << "," << symbol.rect.y << " unread";
    if (symbol.linear) {
      isbt128::ParseResult parsed = isbt128::parse(*text);
      ASSERT_TRUE(parsed.ok()) << where << ": " << *text << ": " << parsed.error().message;
      ASSERT_EQ(parsed.value().size(), 1u) << where << ": one structure per Code 128 symbol";
      ASSERT_LT(linear, label.structures.size());
      EXPECT_EQ(parsed.value().front(), label.structures[linear]) << where;
      ++linear;
    } else if (symbol.datamatrix) {
      EXPECT_EQ(*text, label.compound) << where;
    } else {
      EXPECT_EQ(*text, label.link) << where;
    }
  }
  EXPECT_EQ(linear, label.structures.size()) << where;
  if (!label.compound.empty()) {
    // The whole label, DataMatrix only (several 1D symbols per call would abort Debian's ZXing).
    std::optional<std::string> text = testing::find_datamatrix(image);
    ASSERT_TRUE(text.has_value()) << where << ": DataMatrix not found on the whole label";
    isbt128::ParseResult parsed = isbt128::parse(*text);
    ASSERT_TRUE(parsed.ok()) << where << ": " << parsed.error().message;
    ASSERT_EQ(parsed.value().size(), label.structures.size() + 1);
    EXPECT_EQ(parsed.value().front().number, "023");
    EXPECT_EQ(std::vector<isbt128::Structure>(parsed.value().begin() + 1, parsed.value().end()), label.structures)
        << where;
  }
}

class LabelRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(LabelRoundTrip, GeneratedLabelsDecodeToTheirDataTurnedAndAt203Dpi) {
  const std::string name = GetParam();
  DataGenerator generator(20261120);
  for (int i = 0; i < kDataSets; ++i) {
    const GeneratedData data = generator.next();
    Result<Label> label = build_label(name, data.json);
    ASSERT_TRUE(label.ok()) << label.error().message << "\n" << data.json;
    ASSERT_EQ(label.value().structures, testing::expected_structures(name, data)) << data.json;
    if (!label.value().link.empty()) {
      EXPECT_EQ(label.value().link, data.link);
    }

    Result<std::string> png = render(label.value().layout, Format::Png, 300);
    ASSERT_TRUE(png.ok()) << png.error().message;
    std::optional<Gray> image = testing::load_png(png.value());
    ASSERT_TRUE(image.has_value());
    const std::vector<Symbol> symbols = symbols_of(label.value().layout, 300);
    for (int degrees : {0, 90, 180, 270}) {
      std::vector<Symbol> turned = symbols;
      for (Symbol& s : turned) s.rect = testing::rotate_rect(s.rect, image->width, image->height, degrees);
      const Gray rotated = testing::rotate(*image, degrees);
      expect_reads_back(label.value(), rotated, turned,
                        name + " #" + std::to_string(i) + " turned " + std::to_string(degrees));
      if (HasFatalFailure()) return;
    }
    constexpr double kTo203 = 203.0 / 300.0;
    std::vector<Symbol> scaled = symbols;
    for (Symbol& s : scaled) s.rect = testing::scale_rect(s.rect, kTo203);
    expect_reads_back(label.value(), testing::scale_down(*image, kTo203), scaled,
                      name + " #" + std::to_string(i) + " scaled to 203 dpi");
    if (HasFatalFailure()) return;

    // Rendered at 203 dpi directly: modules snap to 2 px (0.25 mm) and 4 px (0.5 mm).
    Result<std::string> png203 = render(label.value().layout, Format::Png, 203);
    ASSERT_TRUE(png203.ok());
    expect_reads_back(label.value(), *testing::load_png(png203.value()), symbols_of(label.value().layout, 203),
                      name + " #" + std::to_string(i) + " at 203 dpi");
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Templates, LabelRoundTrip,
                         ::testing::Values("apheresis-bag", "patient-wristband", "apheresis-shipper",
                                           "final-product-storage", "verification-sheet"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

TEST(LabelTemplates, EveryTemplateIsRoundTripped) { EXPECT_EQ(templates().size(), 5u); }

}  // namespace
}  // namespace cj::labels
