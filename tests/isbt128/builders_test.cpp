// Building structures for labels: make_structure and make_coi check exactly as parse() does.
#include <gtest/gtest.h>

#include "isbt128/build.h"
#include "isbt128/coi.h"
#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::parse_one;

TEST(MakeCoi, BuildsFromFinYearAndSequence) {
  Result<Structure> coi = make_coi("A9999", 26, "00001A");
  ASSERT_TRUE(coi.ok()) << coi.error().message;
  EXPECT_EQ(format(coi.value()), "&/CHA99992600001A");
  EXPECT_EQ(coi.value(), parse_one("&/CHA99992600001A"));
}

TEST(MakeCoi, RefusesLowercaseSequence) {
  EXPECT_EQ(make_coi("A9999", 26, "00001a").error().code, ErrorCode::InvalidCharacter);
}

TEST(MakeCoi, RefusesAShortSequence) { EXPECT_EQ(make_coi("A9999", 26, "001").error().code, ErrorCode::WrongLength); }

TEST(MakeStructure, ChecksContentLikeParse) {
  EXPECT_EQ(make_structure("032", "00001").error().code, ErrorCode::WrongLength);
  EXPECT_EQ(make_structure("032", "0000012").error().code, ErrorCode::WrongLength);
  EXPECT_EQ(make_structure("032", "00001a").error().code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(make_structure("032", "").error().code, ErrorCode::WrongLength);
}

TEST(MakeStructure, ErrorPositionIsIntoTheFormattedText) {
  EXPECT_EQ(make_structure("032", "00001a").error().position, 7u);
}

TEST(MakeStructure, UnknownNumberIsUnknownDataIdentifier) {
  EXPECT_EQ(make_structure("041", "x").error().code, ErrorCode::UnknownDataIdentifier);
}

TEST(MakeStructure, RetiredStructuresCanStillBeBuiltAndAreMarked) {
  EXPECT_TRUE(make_structure("011", "000000000000000000").value().retired);
}

TEST(MakeStructure, ProductCodeWithDivision99IsBuiltAloneTheScanRuleIsParses) {
  EXPECT_TRUE(make_structure("003", "S1194199").ok());
}

TEST(MakeStructure, LengthPrefixedPatientId) {
  EXPECT_EQ(format(make_structure("025", "AB06PAT123").value()), "&#AB06PAT123");
  EXPECT_EQ(make_structure("025", "AB06PAT12").error().code, ErrorCode::WrongLength);
}

TEST(Format, DinDataIdentifierOverlapsItsContent) {
  const Structure din = parse_one("=A99992612345600");
  EXPECT_EQ(din.data_identifier, "=A");
  EXPECT_EQ(format(din), "=A99992612345600");
  EXPECT_EQ(text_length(din), 16u);
}

TEST(Format, ThreeCharacterDataIdentifier) {
  EXPECT_EQ(format(parse_one("&,1000000000000LOT123")), "&,1000000000000LOT123");
}

}  // namespace
}  // namespace cj::isbt128
