// Reading every symbol of a label photo (zint-drawn ISBT 128 label: DIN and product code in
// Code 128, the compound message in DataMatrix; turned, blurred, noisy, JPEG), whatever the
// label's turn, and the geometry the decoder relies on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <variant>

#include "hardware/image_file.h"
#include "scanner/image_decoder.h"
#include "scanner/image_ops.h"
#include "tests/bench/photos/label_photo.h"

namespace cj::scanner {
namespace {

using hardware::LumaImage;

LumaImage load(const std::string& jpeg) {
  auto image = hardware::decode_image(reinterpret_cast<const unsigned char*>(jpeg.data()), jpeg.size());
  return std::get<LumaImage>(std::move(image));
}

std::vector<std::string> sorted_texts(const hardware::DecodeOutcome& outcome) {
  std::vector<std::string> texts;
  for (const auto& symbol : outcome.symbols) texts.push_back(symbol.text);
  std::sort(texts.begin(), texts.end());
  return texts;
}

// Stripes at `degrees`: the strongest edges of the image run that way.
LumaImage stripes(double degrees) {
  LumaImage image{400, 300, std::vector<std::uint8_t>(400 * 300, 255)};
  for (int y = 0; y < 100; ++y) {
    for (int x = 100; x < 300; ++x) image.at(x, y + 100) = (x / 6) % 2 ? 0 : 255;
  }
  return rotate(image, degrees);
}

TEST(ImageDecoder, ReadsEveryCodeOfALabelPhotoAtAnyTurn) {
  for (unsigned seed : {3u, 4u, 7u, 10u, 21u, 22u}) {  // both layouts, turns all round
    const bench::LabelPhoto photo = bench::make_label_photo(seed);
    std::vector<std::string> expected = photo.codes;
    std::sort(expected.begin(), expected.end());
    ImageDecoder decoder;
    EXPECT_EQ(sorted_texts(decoder.read(load(photo.jpeg), 3)), expected)
        << "seed " << seed << ", turned " << photo.angle_degrees;
  }
}

std::vector<std::string> sorted(std::vector<std::string> texts) {
  std::sort(texts.begin(), texts.end());
  return texts;
}

// Linear symbols drawn by zint on a white page, each `module` px per module and `bar_height`
// px high, placed at the given corners; nothing else on the page.
struct Placed {
  std::string data;
  int x = 0, y = 0;
};
LumaImage page_of_code128(const std::vector<Placed>& symbols, int module, int width, int height) {
  LumaImage page{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height, 235)};
  for (const Placed& placed : symbols) {
    const LumaImage symbol = bench::zint_symbol(20, placed.data, 1);
    for (int y = 0; y < 25 * module; ++y) {
      for (int x = 0; x < symbol.width * module; ++x) {
        if (symbol.at(x / module, 0) >= 128) page.at(placed.x + x, placed.y + y) = 25;
      }
    }
  }
  return page;
}

TEST(ImageDecoder, CountUnknownReadsEveryCodeOfALabelWithOrWithoutDataMatrix) {
  for (unsigned seed : {30u, 31u, 44u, 45u}) {  // both layouts
    for (const bool matrix : {true, false}) {
      bench::PhotoOptions options;
      options.matrix = matrix;
      const bench::LabelPhoto photo = bench::make_label_photo(seed, options);
      ImageDecoder decoder;
      EXPECT_EQ(sorted_texts(decoder.read(load(photo.jpeg), 0)), sorted(photo.codes))
          << "seed " << seed << (matrix ? "" : " without DataMatrix") << ", turned " << photo.angle_degrees;
    }
  }
}

TEST(ImageDecoder, CountUnknownReadsCloseUpsWithLargeModules) {
  // Stacked pairs taken close: Code 128 modules of 5.3 to 5.9 px (seeds chosen for that).
  for (unsigned seed : {62u, 74u, 76u}) {
    bench::PhotoOptions options;
    options.matrix = false;
    options.close_up = true;
    const bench::LabelPhoto photo = bench::make_label_photo(seed, options);
    EXPECT_GE(photo.module_pixels, 5.3) << "seed " << seed;
    ImageDecoder decoder;
    EXPECT_EQ(sorted_texts(decoder.read(load(photo.jpeg), 0)), sorted(photo.codes))
        << "seed " << seed << ", module " << photo.module_pixels << " px, turned " << photo.angle_degrees;
  }
  // With the DataMatrix beside them (both layouts).
  for (unsigned seed : {50u, 51u, 52u}) {
    bench::PhotoOptions options;
    options.close_up = true;
    const bench::LabelPhoto photo = bench::make_label_photo(seed, options);
    ImageDecoder decoder;
    EXPECT_EQ(sorted_texts(decoder.read(load(photo.jpeg), 0)), sorted(photo.codes))
        << "seed " << seed << ", module " << photo.module_pixels << " px, turned " << photo.angle_degrees;
  }
}

TEST(ImageDecoder, CountUnknownReadsTwoCode128SideBySideAtSixPixelModules) {
  const std::string din = "=A9999141234560", product = "=<E0791000";
  // The ISBT 128 concatenation gap: 36 modules between the DIN and the product code.
  const int module = 6, din_modules = bench::zint_symbol(20, din, 1).width;
  const LumaImage page =
      page_of_code128({{din, 40, 200}, {product, 40 + (din_modules + 36) * module, 200}}, module, 2300, 600);
  ImageDecoder decoder;
  EXPECT_EQ(sorted_texts(decoder.read(page, 0)), sorted({din, product}));
}

TEST(ImageDecoder, CountUnknownReadsTwoCode128StackedAtSixPixelModules) {
  const std::string din = "=A9999141234560", product = "=<E0791000";
  const LumaImage page = page_of_code128({{din, 60, 60}, {product, 60, 60 + 25 * 6 + 80}}, 6, 1280, 960);
  ImageDecoder decoder;
  EXPECT_EQ(sorted_texts(decoder.read(page, 0)), sorted({din, product}));
}

TEST(ImageDecoder, NamesSymbologyAndAimIdentifier) {
  const bench::LabelPhoto photo = bench::make_label_photo(4);
  ImageDecoder decoder;
  const hardware::DecodeOutcome outcome = decoder.read(load(photo.jpeg), 3);
  ASSERT_EQ(outcome.symbols.size(), 3u);
  for (const auto& symbol : outcome.symbols) {
    if (symbol.text == photo.codes[2]) {
      EXPECT_EQ(symbol.symbology, "DataMatrix");
      EXPECT_EQ(symbol.aim, "]d1");
    } else {
      EXPECT_EQ(symbol.symbology, "Code128");
      EXPECT_EQ(symbol.aim, "]C0");
    }
  }
}

TEST(ImageDecoder, PhotoWithoutSymbolsReadsNothingAndIsNoError) {
  LumaImage grey{640, 480, std::vector<std::uint8_t>(640 * 480, 128)};
  ImageDecoder decoder;
  const hardware::DecodeOutcome outcome = decoder.read(grey, 3);
  EXPECT_TRUE(outcome.symbols.empty());
  EXPECT_TRUE(outcome.error.empty());
}

TEST(ImageDecoder, MalformedImageIsAnError) {
  ImageDecoder decoder;
  EXPECT_FALSE(decoder.read(LumaImage{10, 10, {}}).error.empty());
}

TEST(ImageOps, EdgeAngleIsTheTurnOfTheStripesModuloNinety) {
  for (double degrees : {0.0, 12.0, 37.0, 61.0, 125.0}) {
    const std::vector<double> angles = edge_angles(stripes(degrees), 1);
    ASSERT_FALSE(angles.empty());
    const double expected = std::fmod(degrees, 90.0);
    const double difference = std::abs(angles[0] - expected);
    EXPECT_LT(std::min(difference, 90 - difference), 1.5) << degrees;
  }
}

TEST(ImageOps, RotationKeepsAllOfTheImage) {
  const LumaImage turned = rotate(LumaImage{400, 300, std::vector<std::uint8_t>(400 * 300, 0)}, 90);
  EXPECT_EQ(turned.width, 300);
  EXPECT_EQ(turned.height, 400);
  EXPECT_EQ(turned.at(150, 200), 0);
}

TEST(ImageOps, BusyRegionsFindEachSymbolAndNotTheLabelEdge) {
  LumaImage image{640, 480, std::vector<std::uint8_t>(640 * 480, 120)};
  hardware::LumaImage label_area = image;
  for (int y = 50; y < 430; ++y) {
    for (int x = 50; x < 590; ++x) image.at(x, y) = 250;  // a plain label: edges only at its border
  }
  EXPECT_TRUE(busy_regions(image).empty());
  for (int y = 100; y < 160; ++y) {
    for (int x = 100; x < 300; ++x) image.at(x, y) = (x / 3) % 2 ? 20 : 250;  // bars
  }
  for (int y = 300; y < 380; ++y) {
    for (int x = 400; x < 480; ++x) image.at(x, y) = ((x / 5) + (y / 5)) % 2 ? 20 : 250;  // a checkerboard
  }
  const std::vector<Box> regions = busy_regions(image);
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_LE(regions[0].x0, 100);
  EXPECT_GE(regions[0].x1, 300);
  EXPECT_LE(regions[1].x0, 400);
  EXPECT_GE(regions[1].y1, 380);
}

TEST(ImageOps, BarsLookLikeASymbolAndLinesOfTextDoNot) {
  LumaImage bars{400, 200, std::vector<std::uint8_t>(400 * 200, 240)};
  for (int y = 50; y < 150; ++y) {
    for (int x = 50; x < 350; ++x) bars.at(x, y) = (x / 4) % 3 ? 240 : 20;  // 100 px high
  }
  EXPECT_TRUE(looks_like_symbol(bars));
  LumaImage text{400, 200, std::vector<std::uint8_t>(400 * 200, 240)};
  for (int y = 20; y < 180; ++y) {
    for (int x = 20; x < 380; ++x) {
      if ((y / 16) % 2 == 0 && (x / 6) % 2 == 0) text.at(x, y) = 30;  // lines 16 px high, 16 px apart
    }
  }
  EXPECT_FALSE(looks_like_symbol(text));
  EXPECT_FALSE(looks_like_symbol(LumaImage{400, 200, std::vector<std::uint8_t>(400 * 200, 240)}));
}

}  // namespace
}  // namespace cj::scanner
