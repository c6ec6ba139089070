// ZPL II output read back by a small parser: label frame, field origins, and the barcode
// commands carrying exactly the structures, compound message and link of the label.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "isbt128/isbt128.h"
#include "labels/cairo_render.h"
#include "labels/render.h"
#include "labels/template.h"
#include "labels/zpl_render.h"
#include "tests/labels/generated_data.h"

namespace cj::labels {
namespace {

// One ^FO ... ^FS field.
struct ZplField {
  int x = 0, y = 0;
  std::string command;  // "BC", "BX", "BQ", "A0", "GB"
  std::string params;   // after the command letters, up to the next '^'
  int module = 0;       // from the last ^BY
  std::string data;     // ^FD content, ^FH escapes and ^BC "><" undone
};

struct ZplLabel {
  bool framed = false;  // ^XA first, ^XZ last
  int width = 0, length = 0;
  std::vector<ZplField> fields;
};

std::string unhex(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 2 < text.size()) {
      out += static_cast<char>(std::strtol(text.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

ZplLabel parse_zpl(const std::string& zpl) {
  ZplLabel label;
  std::vector<std::string> commands;
  for (std::size_t at = zpl.find('^'); at != std::string::npos;) {
    const std::size_t next = zpl.find('^', at + 1);
    std::string command = zpl.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
    while (!command.empty() && command.back() == '\n') command.pop_back();
    commands.push_back(command);
    at = next;
  }
  label.framed = !commands.empty() && commands.front() == "XA" && commands.back() == "XZ";
  ZplField field;
  bool hex = false;
  int module = 0;
  for (const std::string& c : commands) {
    const std::string name = c.substr(0, 2), rest = c.substr(2);
    if (name == "PW") label.width = std::stoi(rest);
    else if (name == "LL") label.length = std::stoi(rest);
    else if (name == "BY") module = std::stoi(rest);
    else if (name == "FO") {
      field = ZplField{};
      field.x = std::stoi(rest);
      field.y = std::stoi(rest.substr(rest.find(',') + 1));
    } else if (name == "BC" || name == "BX" || name == "BQ" || name == "A0" || name == "GB") {
      field.command = name;
      field.params = rest;
      field.module = module;
    } else if (name == "FH") hex = true;
    else if (name == "FD") field.data = rest;
    else if (name == "FS") {
      if (hex) field.data = unhex(field.data);
      if (field.command == "BC") {
        std::string plain;
        for (std::size_t i = 0; i < field.data.size(); ++i) {
          plain += field.data[i];
          if (field.data[i] == '>' && i + 1 < field.data.size() && field.data[i + 1] == '<') ++i;
        }
        field.data = plain;
      }
      label.fields.push_back(field);
      hex = false;
    }
  }
  return label;
}

int dots(double mm, int dpi) { return static_cast<int>(std::lround(mm * dpi / 25.4)); }

void expect_zpl_matches(const Label& label, int dpi, const std::string& where) {
  Result<std::string> zpl = render(label.layout, Format::Zpl, dpi);
  ASSERT_TRUE(zpl.ok()) << zpl.error().message;
  const ZplLabel parsed = parse_zpl(zpl.value());
  EXPECT_TRUE(parsed.framed) << where;
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
      EXPECT_EQ(f.params, "N," + std::to_string(dots(s.height, dpi)) + ",N,N,N,N") << where << ": no printer text";
      ++linear;
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

TEST_P(LabelZpl, GeneratedLabelsCarryTheirDataAt203And300Dpi) {
  testing::DataGenerator generator(7);
  for (int i = 0; i < 50; ++i) {
    const testing::GeneratedData data = generator.next();
    Result<Label> label = build_label(GetParam(), data.json);
    ASSERT_TRUE(label.ok()) << label.error().message;
    for (int dpi : {203, 300}) expect_zpl_matches(label.value(), dpi, GetParam() + " #" + std::to_string(i));
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
    if (f.command == "A0") texts.push_back(f.data);
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

TEST(LabelZplEscapes, GreaterThanInCode128IsWrittenAsAnInvocationPair) {
  // Expiration Date and Time [005] "&>...": '>' would start a ZPL invocation code.
  EXPECT_EQ(zpl_code128_data("&>0263242359"), "&><0263242359");
  Layout layout;
  layout.elements.emplace_back(Code128Symbol{1, 1, 0.25, 8, 10, "&>0263242359"});
  const ZplLabel parsed = parse_zpl(render_zpl(layout, 203).value());
  ASSERT_EQ(parsed.fields.size(), 1u);
  EXPECT_EQ(parsed.fields[0].data, "&>0263242359");
}

}  // namespace
}  // namespace cj::labels
