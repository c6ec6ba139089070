// Templates: the catalogue, data errors as values naming the field, and what a nurse reads on
// the label (DIN with K boxed, dates with zone and UTC, ISBT 128 symbol sizes).
#include <gtest/gtest.h>

#include <algorithm>

#include "isbt128/isbt128.h"
#include "labels/label_data.h"
#include "labels/symbols.h"
#include "labels/template.h"
#include "tests/labels/generated_data.h"

namespace cj::labels {
namespace {

std::vector<std::string> texts(const Layout& layout) {
  std::vector<std::string> out;
  for (const Element& e : layout.elements)
    if (auto* t = std::get_if<TextRun>(&e)) out.push_back(t->text);
  return out;
}
bool has_text(const Layout& layout, std::string_view text) {
  const auto all = texts(layout);
  return std::find(all.begin(), all.end(), text) != all.end();
}

constexpr char kBag[] = R"({
  "din": {"fin": "A9999", "year": 26, "sequence": 123456},
  "product": {"pdc": "S1194", "collection_type": "1", "division": "00", "description": "HPC, APHERESIS"},
  "collected": {"local": "2026-11-20T10:15", "zone": "CET", "utc_offset_minutes": 60},
  "coi": {"fin": "A9999", "year": 26, "sequence": "00001A"},
  "patient": {"initials": "J.D.", "mrn": "12345678"}})";

TEST(LabelTemplates, ListedWithNameAndVersion) {
  ASSERT_EQ(templates().size(), 5u);
  for (const Template& t : templates()) {
    EXPECT_FALSE(t.name.empty());
    EXPECT_GE(t.version, 1);
    EXPECT_EQ(find_template(t.name), &t);
  }
  EXPECT_EQ(find_template("no-such-template"), nullptr);
}

TEST(LabelTemplates, ApheresisBagShowsWhatTheNurseChecks) {
  Result<Label> label = build_label("apheresis-bag", kBag);
  ASSERT_TRUE(label.ok()) << label.error().message;
  const Layout& layout = label.value().layout;
  EXPECT_EQ(label.value().template_name, "apheresis-bag");
  EXPECT_EQ(label.value().template_version, 2);
  EXPECT_TRUE(has_text(layout, "A9999 26 123456"));  // K of A999926123456 is T, printed boxed
  const auto boxed = std::find_if(layout.elements.begin(), layout.elements.end(),
                                  [](const Element& e) { return std::holds_alternative<BoxedCharacter>(e); });
  ASSERT_NE(boxed, layout.elements.end());
  EXPECT_EQ(std::get<BoxedCharacter>(*boxed).character, 'T');
  EXPECT_FALSE(has_text(layout, "89")) << "Type 3 flags are never printed";
  EXPECT_TRUE(has_text(layout, "Collected 2026-11-20 10:15 CET"));
  EXPECT_TRUE(has_text(layout, "FOR AUTOLOGOUS USE ONLY"));
  EXPECT_TRUE(has_text(layout, "S1194100")) << "product code text without its data identifier";
  EXPECT_TRUE(has_text(layout, "COI CH A9999 26 00001A")) << "grouped for reading aloud";
  EXPECT_TRUE(has_text(layout, "apheresis-bag v2"));
  EXPECT_EQ(label.value().compound, "=+04000=A99992612345689=<S1194100&*0263241015&/CHA99992600001A");
}

TEST(LabelTemplates, Type1FlagsArePrintedSmallAndTurnedBesideTheBox) {
  std::string data = kBag;
  data.replace(data.find("\"sequence\": 123456"), 18, "\"sequence\": 123456, \"flags\": \"01\"");
  Result<Label> label = build_label("apheresis-bag", data);
  ASSERT_TRUE(label.ok()) << label.error().message;
  EXPECT_TRUE(has_text(label.value().layout, "01"));
  for (const Element& e : label.value().layout.elements) {
    if (auto* t = std::get_if<TextRun>(&e); t && t->text == "01") {
      EXPECT_TRUE(t->turned) << "printed turned 90°";
    }
  }
}

TEST(LabelTemplates, Code128SymbolsFollowSt001) {
  testing::DataGenerator generator(3);
  for (const Template& t : templates()) {
    Result<Label> label = build_label(t.name, generator.next().json);
    ASSERT_TRUE(label.ok()) << label.error().message;
    for (const Element& e : label.value().layout.elements) {
      if (auto* s = std::get_if<Code128Symbol>(&e)) {
        EXPECT_GE(s->module, 0.17);
        EXPECT_GE(s->quiet_modules, 10);
        Result<Rect> r = extent(*s);
        ASSERT_TRUE(r.ok());
        EXPECT_GE(s->height, std::min(5.0, 0.15 * r.value().width)) << "height >= 5 mm or 15 % of length";
        EXPECT_EQ(isbt128::parse(s->data).value().size(), 1u) << "one structure per symbol";
        EXPECT_LE(r.value().x + r.value().width, label.value().layout.width) << "quiet zone on the label";
      }
    }
  }
}

TEST(LabelTemplates, WristbandCarriesCoiPatientIdAndLink) {
  constexpr char kBand[] = R"({"coi": {"fin": "A9999", "year": 26, "sequence": "00001A"},
    "patient": {"name": "DOE, JANE", "mrn": "12345678", "id_location": "00", "id": "12345678"},
    "link": "https://celljourney.example/j/CHA99992600001A"})";
  Result<Label> label = build_label("patient-wristband", kBand);
  ASSERT_TRUE(label.ok()) << label.error().message;
  ASSERT_EQ(label.value().structures.size(), 2u);
  EXPECT_EQ(isbt128::format(label.value().structures[1]), "&#000812345678");
  EXPECT_EQ(label.value().link, "https://celljourney.example/j/CHA99992600001A");
  EXPECT_TRUE(has_text(label.value().layout, "DOE, JANE"));
}

TEST(LabelTemplates, ShipperPrintsLocalTimeAndUtcBeneath) {
  testing::DataGenerator generator(5);
  std::string data = generator.next().json;
  const auto at = data.find("\"shipped\"");
  data.replace(at, data.find('}', at) - at + 1,
               R"("shipped": {"local": "2026-11-20T00:30", "zone": "CET", "utc_offset_minutes": 60})");
  Result<Label> label = build_label("apheresis-shipper", data);
  ASSERT_TRUE(label.ok()) << label.error().message;
  EXPECT_TRUE(has_text(label.value().layout, "Shipped 2026-11-20 00:30 CET"));
  EXPECT_TRUE(has_text(label.value().layout, "(2026-11-19 23:30 UTC)"));
}

TEST(LabelDates, UtcCrossesDaysMonthsAndYears) {
  LocalDateTime ny{{{2026, 12, 31}, 22, 15}, "EST", -300};
  EXPECT_EQ(print_local(ny), "2026-12-31 22:15 EST");
  EXPECT_EQ(print_utc(ny), "(2027-01-01 03:15 UTC)");
  LocalDateTime tokyo{{{2028, 3, 1}, 5, 0}, "JST", 540};
  EXPECT_EQ(print_utc(tokyo), "(2028-02-29 20:00 UTC)");
}

TEST(LabelData, ErrorsAreValuesNamingTheField) {
  EXPECT_EQ(build_label("nope", kBag).error().field, "template");
  EXPECT_FALSE(build_label("apheresis-bag", "{not json").ok());
  EXPECT_FALSE(build_label("apheresis-bag", "[]").ok());
  EXPECT_EQ(build_label("patient-wristband", kBag).error().field, "link");

  std::string bad_date = kBag;
  bad_date.replace(bad_date.find("2026-11-20T10:15"), 16, "2026-02-30T10:15");
  EXPECT_EQ(build_label("apheresis-bag", bad_date).error().field, "collected.local");

  std::string bad_din = kBag;
  bad_din.replace(bad_din.find("\"A9999\""), 7, "\"O9999\"");
  EXPECT_EQ(build_label("apheresis-bag", bad_din).error().field, "din");

  std::string wrong_type = kBag;
  wrong_type.replace(wrong_type.find("\"year\": 26"), 10, "\"year\": \"26\"");
  EXPECT_EQ(build_label("apheresis-bag", wrong_type).error().field, "din.year");

  std::string no_coi = kBag;
  no_coi.replace(no_coi.find("\"coi\""), 5, "\"xyz\"");
  EXPECT_EQ(build_label("apheresis-bag", no_coi).error().field, "coi");
}

TEST(LabelSymbols, Code128ModulesAndErrors) {
  Result<ModuleGrid> grid = code128_modules("=<S1194100");
  ASSERT_TRUE(grid.ok());
  EXPECT_EQ(grid.value().height, 1);
  EXPECT_TRUE(grid.value().at(0, 0)) << "starts with a bar";
  EXPECT_TRUE(grid.value().at(grid.value().width - 1, 0)) << "stop pattern ends with a bar";
  EXPECT_EQ((grid.value().width - 2) % 11, 0) << "11-module characters plus the 2-module end bar";
  EXPECT_FALSE(code128_modules("").ok());
  EXPECT_FALSE(code128_modules("caf\xC3\xA9").ok());
}

TEST(LabelSymbols, QrKeepsCaseAndMatrixSizes) {
  Result<ModuleGrid> lower = qr_modules("https://x.example/abc");
  Result<ModuleGrid> upper = qr_modules("HTTPS://X.EXAMPLE/ABC");
  ASSERT_TRUE(lower.ok() && upper.ok());
  EXPECT_NE(lower.value().dark, upper.value().dark) << "casesensitive = 1";
  EXPECT_EQ(lower.value().width, lower.value().height);
  EXPECT_EQ((lower.value().width - 17) % 4, 0) << "QR versions are 21, 25, 29, ... modules";
  EXPECT_FALSE(qr_modules("").ok());
  Result<ModuleGrid> dm = datamatrix_modules("=+02000=A99992612345689=<S1194100");
  ASSERT_TRUE(dm.ok());
  EXPECT_EQ(dm.value().width % 2, 0) << "ECC 200 symbols have an even number of modules";
}

}  // namespace
}  // namespace cj::labels
