// PDF and SVG: checked structurally here (file magic, page size, vector bars); rasterised and
// decoded in tests/labels/decoders/. PNG: size at the chosen dpi, modules snapped to whole pixels.
#include <gtest/gtest.h>

#include "labels/cairo_render.h"
#include "labels/render.h"
#include "labels/template.h"
#include "tests/labels/generated_data.h"
#include "tests/labels/label_image.h"

namespace cj::labels {
namespace {

Label example(const std::string& name) {
  testing::DataGenerator generator(11);
  return build_label(name, generator.next().json).value();
}

TEST(LabelVector, PdfIsOnePageOfTheLabelSize) {
  for (const Template& t : templates()) {
    const Label label = example(std::string(t.name));
    Result<std::string> pdf = render(label.layout, Format::Pdf);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    EXPECT_EQ(pdf.value().rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf.value().find("%%EOF"), std::string::npos);
    EXPECT_NE(pdf.value().find("/Type /Page"), std::string::npos);
    std::string box = "/MediaBox [ 0 0 ";  // appended: g++ 12 -Wrestrict misfires on literal + string
    box += std::to_string(static_cast<int>(label.layout.width * 72 / 25.4));
    EXPECT_NE(pdf.value().find(box), std::string::npos) << box;
  }
}

TEST(LabelVector, SvgHasTheLabelSizeAndBarsAsPaths) {
  const Label label = example("apheresis-bag");
  Result<std::string> svg = render(label.layout, Format::Svg);
  ASSERT_TRUE(svg.ok()) << svg.error().message;
  EXPECT_EQ(svg.value().rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.value().find("<svg"), std::string::npos);
  EXPECT_NE(svg.value().find("width=\"283.46"), std::string::npos) << "100 mm in points";
  // Bars are filled rectangles: closed subpaths "h ... v ... Z" or rectangles, one per bar run.
  EXPECT_NE(svg.value().find("<path"), std::string::npos);
  EXPECT_NE(svg.value().find("fill-rule:nonzero;fill:rgb(0%,0%,0%)"), std::string::npos);
}

TEST(LabelPng, SizeFollowsDpiAndBarsSnapToWholePixels) {
  const Label label = example("apheresis-bag");
  for (int dpi : {203, 300, 600}) {
    std::optional<testing::Gray> image = testing::load_png(render(label.layout, Format::Png, dpi).value());
    ASSERT_TRUE(image.has_value());
    EXPECT_EQ(image->width, static_cast<int>(std::lround(label.layout.width * dpi / 25.4)));
    // Along the DIN's middle row every pixel is pure black or white: no half-covered bar edges.
    const Code128Symbol& din = std::get<Code128Symbol>(label.layout.elements.front());
    const PixelRect rect = png_extent(din, dpi).value();
    for (int x = rect.x; x < rect.x + rect.width; ++x) {
      const int v = image->at(x, rect.y + rect.height / 2);
      EXPECT_TRUE(v == 0 || v == 255) << "dpi " << dpi << " x " << x << " = " << v;
    }
  }
  EXPECT_EQ(module_pixels(0.25, 203), 2);
  EXPECT_EQ(module_pixels(0.25, 300), 3);
  EXPECT_EQ(module_pixels(0.5, 203), 4);
  EXPECT_FALSE(render(label.layout, Format::Png, 10).ok());
}

TEST(LabelFormats, NamesRoundTrip) {
  for (Format f : {Format::Png, Format::Pdf, Format::Svg, Format::Zpl}) EXPECT_EQ(format_from_name(format_name(f)), f);
  EXPECT_FALSE(format_from_name("jpg").has_value());
}

}  // namespace
}  // namespace cj::labels
