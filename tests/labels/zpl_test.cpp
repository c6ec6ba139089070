// ZPL II output read back by a small parser (tests/labels/zpl_parse.h): label frame, field
// origins, and the barcode commands carrying exactly the structures, compound message and link
// of the label, Code 128 as the structure's text in Zebra's automatic mode (the default) or in the
// raster's own codewords (explicit); UTF-8 text kept inside its box.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "isbt128/isbt128.h"
#include "labels/cairo_render.h"
#include "labels/render.h"
#include "labels/symbols.h"
#include "labels/template.h"
#include "labels/zpl_code128.h"
#include "labels/zpl_render.h"
#include "tests/labels/generated_data.h"
#include "tests/labels/zpl_parse.h"

namespace cj::labels {
namespace {

using testing::parse_zpl;
using testing::unhex;
using testing::ZplField;
using testing::ZplLabel;

int dots(double mm, int dpi) { return static_cast<int>(std::lround(mm * dpi / 25.4)); }

void expect_zpl_matches(const Label& label, int dpi, ZplOptions options, const std::string& where) {
  Result<std::string> zpl = render(label.layout, Format::Zpl, dpi, options);
  ASSERT_TRUE(zpl.ok()) << zpl.error().message;
  const ZplLabel parsed = parse_zpl(zpl.value());
  EXPECT_TRUE(parsed.framed) << where;
  EXPECT_EQ(parsed.charset, "28") << where << ": UTF-8";
  EXPECT_EQ(parsed.width, dots(label.layout.width, dpi)) << where;
  EXPECT_EQ(parsed.length, dots(label.layout.height, dpi)) << where;

  std::vector<const Code128Symbol*> code128;
  const DataMatrixSymbol* datamatrix = nullptr;
  const QrSymbol* qr = nullptr;
  for (const Element& e : label.layout.elements) {
    if (auto* s = std::get_if<Code128Symbol>(&e)) code128.push_back(s);
    if (auto* s = std::get_if<DataMatrixSymbol>(&e)) datamatrix = s;
    if (auto* s = std::get_if<QrSymbol>(&e)) qr = s;
  }
  std::size_t linear = 0;
  for (const ZplField& f : parsed.fields) {
    if (f.command == "BC") {
      ASSERT_LT(linear, code128.size()) << where;
      const Code128Symbol& s = *code128[linear];
      EXPECT_EQ(f.data, isbt128::format(label.structures[linear])) << where;
      const int module = module_pixels(s.module, dpi);
      EXPECT_EQ(f.module, module) << where;
      EXPECT_EQ(f.x, dots(s.x, dpi) + s.quiet_modules * module) << where;
      EXPECT_EQ(f.y, dots(s.y, dpi)) << where;
      const bool automatic = options.code128 == ZplCode128Mode::Automatic;
      EXPECT_EQ(f.params, "N," + std::to_string(dots(s.height, dpi)) + ",N,N,N," + (automatic ? "A" : "N"))
          << where << ": no printer text";
      Result<ModuleGrid> grid = code128_modules(s.data);
      ASSERT_TRUE(grid.ok());
      if (automatic) {
        // The text as it is (the printer picks the subsets: tests/labels/decoders/ checks its bars).
        EXPECT_TRUE(f.automatic) << where;
        EXPECT_TRUE(f.hex) << where << ": ^FH, so ^ ~ _ cannot end the field";
      } else {
        // The printer's symbol is the raster's: same values, so the same width in modules.
        ASSERT_TRUE(f.code128.has_value()) << where << ": " << f.raw;
        EXPECT_EQ(f.code128->modules(), grid.value().width) << where << ": " << f.raw;
      }
      EXPECT_LE(f.x + (grid.value().width + s.quiet_modules) * f.module, parsed.width) << where << ": on the label";
      ++linear;
    } else if ((f.command == "A0" || f.command == "A@") && f.block > 0) {
      // A turned run's (^A0R) block runs down the label.
      const bool turned = !f.params.empty() && f.params[0] == 'R';
      EXPECT_LE((turned ? f.y : f.x) + f.block, turned ? parsed.length : parsed.width)
          << where << ": the box of " << f.data << " on the label";
    } else if (f.command == "BX") {
      ASSERT_NE(datamatrix, nullptr);
      EXPECT_EQ(f.data, label.compound) << where;
      EXPECT_EQ(f.x, dots(datamatrix->x + datamatrix->quiet_modules * datamatrix->module, dpi)) << where;
      EXPECT_EQ(f.params, "N," + std::to_string(module_pixels(datamatrix->module, dpi)) + ",200") << where;
    } else if (f.command == "BQ") {
      ASSERT_NE(qr, nullptr);
      EXPECT_EQ(f.data, "MA," + label.link) << where;
      EXPECT_EQ(f.y, dots(qr->y + qr->quiet_modules * qr->module, dpi)) << where;
    }
  }
  EXPECT_EQ(linear, label.structures.size()) << where;
}

class LabelZpl : public ::testing::TestWithParam<std::string> {};

TEST_P(LabelZpl, GeneratedLabelsCarryTheirDataAt203And300DpiInBothCode128Modes) {
  testing::DataGenerator generator(7);
  for (int i = 0; i < 50; ++i) {
    const testing::GeneratedData data = generator.next();
    Result<Label> label = build_label(GetParam(), data.json);
    ASSERT_TRUE(label.ok()) << label.error().message;
    for (int dpi : {203, 300})
      for (ZplCode128Mode mode : {ZplCode128Mode::Automatic, ZplCode128Mode::Explicit})
        expect_zpl_matches(label.value(), dpi, ZplOptions{mode}, GetParam() + " #" + std::to_string(i));
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Templates, LabelZpl,
                         ::testing::Values("apheresis-bag", "patient-wristband", "apheresis-shipper",
                                           "final-product-storage", "verification-sheet"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

TEST(LabelZplText, TextFieldsCarryTheEyeReadableDinAndWarnings) {
  testing::DataGenerator generator(1);
  const testing::GeneratedData data = generator.next();
  std::string json = data.json;  // an autologous collection (type 1): the bag says so
  const std::size_t type = json.find("\"collection_type\": \"") + 20;
  json[type] = '1';
  Result<Label> label = build_label("apheresis-bag", json);
  ASSERT_TRUE(label.ok());
  const ZplLabel parsed = parse_zpl(render(label.value().layout, Format::Zpl, 203).value());
  std::vector<std::string> texts;
  for (const ZplField& f : parsed.fields)
    if (f.command == "A0" || f.command == "A@") texts.push_back(f.data);
  const isbt128::EyeReadableDin din = isbt128::eye_readable_din(data.din);
  EXPECT_NE(std::find(texts.begin(), texts.end(), din.text), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), std::string(1, din.check_character)), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "FOR AUTOLOGOUS USE ONLY"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "apheresis-bag v2"), texts.end());
}

TEST(LabelZplEscapes, CaretTildeAndUnderscoreAreHexEscaped) {
  EXPECT_EQ(zpl_field_data("a^b~c_d"), "a_5Eb_7Ec_5Fd");
  EXPECT_EQ(unhex(zpl_field_data("a^b~c_d")), "a^b~c_d");
}

TEST(LabelZplEscapes, ControlBytesAreHexEscapedAndUtf8PassesAsItIs) {
  EXPECT_EQ(zpl_field_data("a\tb\x7f"), "a_09b_7F");
  EXPECT_EQ(zpl_field_data("M\xC3\x9CLLER"), "M\xC3\x9CLLER");
}

// A Code 128 field of `data` alone on a label, as ZPL at 203 dpi, parsed back.
ZplField code128_field(const std::string& data, ZplCode128Mode mode = ZplCode128Mode::Automatic) {
  Layout layout;
  layout.elements.emplace_back(Code128Symbol{1, 1, 0.25, 8, 10, data});
  const ZplLabel parsed = parse_zpl(render_zpl(layout, 203, ZplOptions{mode}).value());
  EXPECT_EQ(parsed.fields.size(), 1u);
  return parsed.fields.empty() ? ZplField{} : parsed.fields.front();
}

TEST(LabelZplCode128, AutomaticModeIsTheDefaultAndSendsTheStructuresText) {
  // Expiration Date and Time [005] "&>...": in mode A the guide allows "the full ASCII character
  // set" in ^FD, so '>' is data there, not the start of an invocation code.
  const ZplField f = code128_field("&>0271402359");
  EXPECT_EQ(f.params, "N,64,N,N,N,A");
  EXPECT_EQ(f.raw, "&>0271402359");
  EXPECT_TRUE(f.hex);
}

TEST(LabelZplCode128, InAutomaticModeCaretTildeAndUnderscoreAreHexEscaped) {
  const ZplField f = code128_field("A^B~C_D>");
  EXPECT_EQ(f.raw, "A_5EB_7EC_5FD>");
  EXPECT_EQ(f.data, "A^B~C_D>");
}

TEST(LabelZplCode128, ExplicitModeWritesGreaterThanAsInvocationZeroNotLessThan) {
  // In mode N '>' starts an invocation code; "><" is the caret.
  const ZplField f = code128_field("&>0271402359", ZplCode128Mode::Explicit);
  EXPECT_EQ(f.params, "N,64,N,N,N,N");
  EXPECT_EQ(f.raw, ">:&>0>50271402359") << "start B, '&', '>', CODE C, five digit pairs";
  EXPECT_FALSE(f.hex) << "no ^FH on explicit ^BC fields: the data is printable ASCII without ^ and ~";
  EXPECT_EQ(f.data, "&>0271402359");
}

TEST(LabelZplCode128, ExplicitModeSwitchesToSubsetCWhereTheRasterDoes) {
  // "=<S1194100": ZXing keeps the odd digit in B and packs the six after it in C. All of subset
  // B (the printer's default in mode N) would be 22 modules wider than the layout's extent.
  const ZplField f = code128_field("=<S1194100", ZplCode128Mode::Explicit);
  EXPECT_EQ(f.raw, ">:=<S1>5194100");
  ASSERT_TRUE(f.code128.has_value());
  EXPECT_EQ(f.code128->modules(), code128_modules("=<S1194100").value().width);
}

TEST(LabelZplCode128, ExplicitModeStartsAllDigitsInSubsetC) {
  EXPECT_EQ(code128_field("0123456789", ZplCode128Mode::Explicit).raw, ">;0123456789");
}

TEST(LabelZplCode128, ModeNamesAreAutomaticAndExplicit) {
  EXPECT_EQ(zpl_code128_from_name("automatic"), ZplCode128Mode::Automatic);
  EXPECT_EQ(zpl_code128_from_name("explicit"), ZplCode128Mode::Explicit);
  EXPECT_EQ(zpl_code128_from_name("A"), std::nullopt);
}

TEST(LabelZplCode128, EveryCodewordHasItsInvocationCode) {
  // Start A, 'A' (33), FNC 4 in A, CODE B, '>' '^' '~' DEL, FNC 3, FNC 2, FNC 4 in B, CODE C,
  // 12, FNC 1, CODE A, 05, check character (ignored: the printer computes it).
  const std::vector<int> values = {103, 33, 101, 100, 30, 62, 94, 95, 96, 97, 100, 99, 12, 102, 101, 5, 0};
  Result<std::string> field = zpl_code128_field(values);
  ASSERT_TRUE(field.ok()) << field.error().message;
  EXPECT_EQ(field.value(), ">933>7>6>0><>=>1>2>3>6>512>8>705");
  EXPECT_FALSE(zpl_code128_field({104, 98, 33, 0}).ok()) << "SHIFT is refused";
  EXPECT_FALSE(zpl_code128_field({33, 0}).ok()) << "no start character";
}

TEST(LabelZplText, TextIsUtf8AndBoundedByItsWidth) {
  Layout layout;
  layout.elements.emplace_back(TextRun{2, 3, 2.0, Weight::Bold,
                                       "M\xC3\x9CLLER-L\xC3\x9C"
                                       "DENSCHEIDT, J\xC3\x96RG"});
  TextRun boxed{2, 8, 2.0, Weight::Regular, "a long line in a 40 mm box"};
  boxed.width = 40;
  layout.elements.emplace_back(boxed);
  const std::string zpl = render_zpl(layout, 203).value();
  const ZplLabel parsed = parse_zpl(zpl);
  EXPECT_EQ(parsed.charset, "28");
  ASSERT_EQ(parsed.fields.size(), 2u);
  EXPECT_EQ(parsed.fields[0].data,
            "M\xC3\x9CLLER-L\xC3\x9C"
            "DENSCHEIDT, J\xC3\x96RG");
  EXPECT_EQ(parsed.fields[0].command, "A0") << "Latin-1 is in the printer's ^A0 font";
  EXPECT_EQ(parsed.fields[0].block, 0) << "no width, no block";
  EXPECT_EQ(parsed.fields[1].block, dots(40, 203));
  EXPECT_NE(zpl.find("^FB" + std::to_string(dots(40, 203)) + ",1,0,L"), std::string::npos) << "one line, left";
}

TEST(LabelZplText, GreekAndCyrillicGoToTheUnicodeFont) {
  Layout layout;
  layout.elements.emplace_back(TextRun{2, 3, 2.0, Weight::Bold, "\xCE\xA0\xCE\x91\xCE\xA0"});
  layout.elements.emplace_back(TextRun{2, 8, 2.0, Weight::Bold, "\xD0\x96\xD0\xA3\xD0\x9A"});
  const ZplLabel parsed = parse_zpl(render_zpl(layout, 203).value());
  ASSERT_EQ(parsed.fields.size(), 2u);
  for (const ZplField& f : parsed.fields) {
    EXPECT_EQ(f.command, "A@");
    EXPECT_NE(f.params.find("E:TT0003M_.TTF"), std::string::npos) << f.params;
  }
}

}  // namespace
}  // namespace cj::labels
