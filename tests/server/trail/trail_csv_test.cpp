// The audit trail as CSV (server/trail/trail_csv.h).
#include "server/trail/trail_csv.h"

#include <gtest/gtest.h>

namespace cj::trail {
namespace {

Entry refusal() {
  Entry e;
  e.kind = Kind::kRefusal;
  e.source = "events";
  e.id = 42;
  e.at = "2026-12-04T10:00:00.123456Z";
  e.actor = "ann";
  e.action = "apheresis.collect";
  e.station = "AP-1";
  e.coi = "CHA99992600001A";
  e.summary = "apheresis.collect refused: COI_MISMATCH";
  return e;
}

TEST(TrailCsvTest, EachEntryIsOneRowInTheHeadersOrder) {
  EXPECT_EQ(csv_header(), "at,kind,action,actor,station,coi,summary,source,id\r\n");
  EXPECT_EQ(csv_rows({refusal()}),
            "2026-12-04T10:00:00.123456Z,refusal,apheresis.collect,ann,AP-1,CHA99992600001A,"
            "apheresis.collect refused: COI_MISMATCH,events,42\r\n");
}

TEST(TrailCsvTest, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("a, b"), "\"a, b\"");
  EXPECT_EQ(csv_cell("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
}

TEST(TrailCsvTest, ACellASpreadsheetWouldRunStaysText) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+1"), "'+1");
  EXPECT_EQ(csv_cell("-2"), "'-2");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
}

TEST(TrailCsvTest, NoEntriesIsNoRows) { EXPECT_EQ(csv_rows({}), ""); }

}  // namespace
}  // namespace cj::trail
