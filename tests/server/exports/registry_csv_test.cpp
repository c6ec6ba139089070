// The registry CSV: RFC 4180 quoting, spreadsheet-formula safety, numbers, empty-not-zero,
// and the documented column list (docs/export.md).
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "server/exports/csv_cells.h"
#include "server/exports/registry_csv.h"
#include "tests/server/exports/csv_rows.h"
#include "tests/server/exports/recorded_journey.h"

namespace cj::exports {
namespace {

TEST(CsvCell, PlainTextIsWrittenAsIs) { EXPECT_EQ(text_cell("kymriah"), "kymriah"); }

TEST(CsvCell, CommaQuoteAndLineBreakAreQuotedWithQuotesDoubled) {
  EXPECT_EQ(text_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(text_cell("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(text_cell("two\r\nlines"), "\"two\r\nlines\"");
}

TEST(CsvCell, TextThatAStartsLikeAFormulaIsPrefixedWithAnApostrophe) {
  EXPECT_EQ(text_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(text_cell("+1"), "'+1");
  EXPECT_EQ(text_cell("-1"), "'-1");
  EXPECT_EQ(text_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(text_cell("\tx"), "'\tx");
}

TEST(CsvCell, DecimalsAreRoundedHalfAwayFromZeroInIntegers) {
  EXPECT_EQ(decimal_cell(3966600, 86400, 2), "45.91");  // 45.9097 days
  EXPECT_EQ(decimal_cell(22 * 86400, 86400, 2), "22.00");
  EXPECT_EQ(decimal_cell(-1800, 86400, 2), "-0.02");
  EXPECT_EQ(decimal_cell(-60, 86400, 2), "0.00") << "no negative zero";
  EXPECT_EQ(decimal_cell(90, 60, 0), "2");
  EXPECT_EQ(decimal_cell(1800, 60, 0), "30");
}

class RegistryCsvTest : public testing::RecordedJourney {
 protected:
  // The first data row, by column name.
  std::map<std::string, std::string> first_row() const {
    return testing::csv_row(registry_csv({registry_row(&definition_, facts_)}));
  }
};

TEST_F(RegistryCsvTest, IntervalsAreInDaysWithTwoDecimalsAndThawInMinutes) {
  infused();
  const auto row = first_row();
  EXPECT_EQ(row.at("vein_to_vein_days"), "45.91");
  EXPECT_EQ(row.at("decision_to_infusion_days"), "50.03");
  EXPECT_EQ(row.at("manufacturing_turnaround_days"), "22.00");
  EXPECT_EQ(row.at("apheresis_to_release_days"), "22.92");
  EXPECT_EQ(row.at("apheresis_age_at_manufacturing_start_days"), "1.83");
  EXPECT_EQ(row.at("ld_end_to_infusion_days"), "2.99");
  EXPECT_EQ(row.at("thaw_to_infusion_end_max_minutes"), "30");
  EXPECT_EQ(row.at("infusion_date"), "2026-11-20");
  EXPECT_EQ(row.at("infusion_first_start_at"), "2026-11-20T09:50:00Z");
}

TEST_F(RegistryCsvTest, JourneyWithoutInfusionLeavesThoseColumnsEmptyNotZero) {
  until_stored();
  const auto row = first_row();
  for (const char* column : {"vein_to_vein_days", "decision_to_infusion_days", "ld_end_to_infusion_days",
                             "thaw_to_infusion_end_max_minutes", "infusion_date", "infusion_first_start_at"}) {
    EXPECT_EQ(row.at(column), "") << column;
  }
  EXPECT_EQ(row.at("manufacturing_turnaround_days"), "22.00");
}

TEST_F(RegistryCsvTest, UnitsGoOutAsDinsWithoutTheIsbtDataIdentifier) {
  infused();
  const auto row = first_row();
  EXPECT_EQ(row.at("apheresis_dins"), "A999926100001");
  EXPECT_EQ(row.at("product_dins"), "A999926123456 A999926123457");
}

TEST_F(RegistryCsvTest, LinesEndWithCrLfAndTheHeaderNamesEveryColumnOnce) {
  const std::string csv = registry_csv({});
  ASSERT_GE(csv.size(), 2u);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
  std::set<std::string_view> names;
  for (const Column& column : registry_columns()) EXPECT_TRUE(names.insert(column.name).second) << column.name;
}

TEST(RegistryCsvDocs, DocsExportMdDocumentsEveryColumn) {
  std::ifstream in(std::string(CELLJOURNEY_SOURCE_DIR) + "/docs/export.md");
  std::stringstream text;
  text << in.rdbuf();
  for (const Column& column : registry_columns()) {
    EXPECT_NE(text.str().find("| `" + std::string(column.name) + "` |"), std::string::npos) << column.name;
  }
}

}  // namespace
}  // namespace cj::exports
