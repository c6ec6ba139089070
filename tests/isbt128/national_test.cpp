// National structures (&a-&z, &;, &!): no standard length, so their content runs to the next
// valid data identifier or the end of the scan.
#include <gtest/gtest.h>

#include "isbt128/build.h"
#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::parse_error;
using testing::parse_one;

TEST(National, ContentRunsToTheEndOfTheScan) {
  EXPECT_EQ(parse_one("&zANYTHING goes 123").content, "ANYTHING goes 123");
}

TEST(National, ContentEndsWhereAValidDataIdentifierStarts) {
  ParseResult result = parse("&a12345=A99992612345600");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result.value().size(), 2u);
  EXPECT_EQ(result.value()[0].content, "12345");
  EXPECT_EQ(result.value()[1].number, "001");
}

TEST(National, EqualsOrAmpersandNotStartingADataIdentifierIsContent) {
  // "=a", "=!", "&=" and "&,9" are no data identifiers.
  EXPECT_EQ(parse_one("&bX=aY=!Z&=w&,9").content, "X=aY=!Z&=w&,9");
}

TEST(National, ContentEndingInEqualsIsKept) { EXPECT_EQ(parse_one("&b12=").content, "12="); }

TEST(National, AValidDataIdentifierInsideCutsTheContentAndMayFailTheScan) {
  // The documented risk of opaque content: "=<" starts a Product Code that is too short here.
  EXPECT_EQ(parse_error("&aAB=<CD").code, ErrorCode::WrongLength);
}

TEST(National, EmptyContentIsWrongLength) {
  EXPECT_EQ(parse_error("&a").code, ErrorCode::WrongLength);
  EXPECT_EQ(parse_error("&a=A99992612345600").code, ErrorCode::WrongLength);
}

TEST(National, ControlCharactersAreInvalid) {
  const Error error = parse_error("&aAB\tCD");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 4u);
}

TEST(National, FollowsAnIcbbaStructure) {
  ParseResult result = parse("=A99992612345600&aLOCAL");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result.value()[1].national);
}

TEST(MakeNational, BuildsAndReadsBack) {
  Result<Structure> national = make_national("&q", "LOCAL 42");
  ASSERT_TRUE(national.ok()) << national.error().message;
  EXPECT_EQ(format(national.value()), "&qLOCAL 42");
  EXPECT_EQ(parse_one("&qLOCAL 42"), national.value());
}

TEST(MakeNational, RefusesContentHoldingADataIdentifier) {
  const Error error = make_national("&q", "AB=<CD").error();
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 4u);
}

TEST(MakeNational, RefusesAnIccbbaDataIdentifier) {
  EXPECT_EQ(make_national("=<", "S1194A00").error().code, ErrorCode::UnknownDataIdentifier);
  EXPECT_EQ(make_national("&A", "X").error().code, ErrorCode::UnknownDataIdentifier);
}

TEST(MakeNational, AcceptsNationalDonorIdAndConfidentialUnitExclusion) {
  EXPECT_TRUE(make_national("&;", "SE123").ok());
  EXPECT_TRUE(make_national("&!", "1").ok());
}

}  // namespace
}  // namespace cj::isbt128
