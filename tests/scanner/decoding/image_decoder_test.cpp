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

}  // namespace
}  // namespace cj::scanner
