// Compound Message [023]: count verified, order free (000) or fixed (035), no national structures inside.
#include "isbt128/compound.h"

#include <gtest/gtest.h>

#include "isbt128/build.h"
#include "isbt128/din.h"
#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "isbt128/product_code.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::parse_error;

constexpr std::string_view kReferenceExample = "=+04000=/A9997XYZ100T0479=A99991712345600=,000012=>019031";

TEST(CompoundMessage, ReferenceExampleParsesIntoHeaderAndFourStructures) {
  ParseResult result = parse(kReferenceExample);  // isbt128.md §8
  ASSERT_TRUE(result.ok()) << result.error().message;
  const std::vector<Structure>& s = result.value();
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].number, "023");
  EXPECT_EQ(integer_field(s[0], "count"), 4);
  EXPECT_EQ(s[1].number, "034");
  EXPECT_EQ(text_field(s[1], "pdc"), "T0479");
  EXPECT_EQ(s[2].number, "001");
  EXPECT_EQ(s[3].number, "032");
  EXPECT_EQ(s[4].number, "004");
  EXPECT_EQ(text_field(s[4], "date"), "2019-01-31");
  EXPECT_EQ(format(s), kReferenceExample);
}

TEST(CompoundMessage, FewerStructuresThanAnnouncedIsCountMismatch) {
  const Error error = parse_error("=+03000=A99992612345600=<S1194A00");
  EXPECT_EQ(error.code, ErrorCode::CompoundCountMismatch);
  EXPECT_EQ(error.code_name(), "COMPOUND_COUNT_MISMATCH");
  EXPECT_EQ(error.position, 0u);
}

TEST(CompoundMessage, MoreStructuresThanAnnouncedIsCountMismatchAtTheExtraOne) {
  const Error error = parse_error("=+01000=A99992612345600=<S1194A00");
  EXPECT_EQ(error.code, ErrorCode::CompoundCountMismatch);
  EXPECT_EQ(error.position, 23u);
}

TEST(CompoundMessage, ZeroAnnouncedIsCountMismatch) {
  EXPECT_EQ(parse_error("=+00000").code, ErrorCode::CompoundCountMismatch);
}

TEST(CompoundMessage, AnyOrderForMessage000) {
  EXPECT_TRUE(parse("=+02000=<S1194A00=A99992612345600").ok());
  EXPECT_TRUE(parse("=+02000=A99992612345600=<S1194A00").ok());
}

TEST(CompoundMessage, Message035MustFollowItsOrder) {
  // ST-017: 035 = [034][032][001][004].
  EXPECT_TRUE(parse("=+04035=/A9997XYZ100T0479=,000012=A99991712345600=>019031").ok());
  const Error error = parse_error("=+04035=/A9997XYZ100T0479=A99991712345600=,000012=>019031");
  EXPECT_EQ(error.code, ErrorCode::CompoundOrderMismatch);
  EXPECT_EQ(error.code_name(), "COMPOUND_ORDER_MISMATCH");
  EXPECT_EQ(error.position, 25u);
  EXPECT_NE(error.message.find("structure 2 is Donation Identification Number [001]"), std::string::npos)
      << error.message;
}

TEST(CompoundMessage, Message035WithTooFewStructuresIsOrderMismatch) {
  EXPECT_EQ(parse_error("=+02035=/A9997XYZ100T0479=,000012").code, ErrorCode::CompoundOrderMismatch);
}

TEST(CompoundMessage, OtherRt017MessagesAreKeptWithTheirCountChecked) {
  ParseResult result = parse("=+02012=A99992612345600=<S1194A00");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(text_field(result.value()[0], "message"), "012");
  EXPECT_EQ(bool_field(result.value()[0], "order_checked"), false);
  EXPECT_EQ(parse_error("=+03012=A99992612345600=<S1194A00").code, ErrorCode::CompoundCountMismatch);
}

TEST(CompoundMessage, NationalStructureInsideIsNotAllowed) {
  const Error error = parse_error("=+02000=A99992612345600&aXYZ");
  EXPECT_EQ(error.code, ErrorCode::NotAllowedInCompound);
  EXPECT_EQ(error.code_name(), "NOT_ALLOWED_IN_COMPOUND");
  EXPECT_EQ(error.position, 23u);
}

TEST(CompoundMessage, NestedCompoundMessageIsNotAllowed) {
  EXPECT_EQ(parse_error("=+02000=+01000=A99992612345600").code, ErrorCode::NotAllowedInCompound);
}

TEST(CompoundMessage, ProductCodeWithDivision99NeedsItsDivisionsInside) {
  EXPECT_EQ(parse_error("=+02000=A99992612345600=<S1194199").code, ErrorCode::MissingDivisions);
  EXPECT_TRUE(parse("=+03000=A99992612345600=<S1194199=,000001").ok());
}

TEST(CompoundMessage, StructuresBeforeTheHeaderAreOutsideIt) {
  ParseResult result = parse("=<S1194A00=+01000=A99992612345600");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.value().size(), 3u);
}

TEST(MakeCompoundMessage, BuildsHeaderAndKeepsTheStructures) {
  std::vector<Structure> parts = {make_din("A9999", 26, 123456).value(), make_product_code("S1194", '1', "00").value()};
  Result<std::vector<Structure>> message = make_compound_message(parts);
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(format(message.value()), "=+02000=A99992612345689=<S1194100");
  EXPECT_EQ(parse(format(message.value())).value(), message.value());
}

TEST(MakeCompoundMessage, RefusesNationalStructures) {
  std::vector<Structure> parts = {make_national("&a", "XYZ").value()};
  EXPECT_EQ(make_compound_message(parts).error().code, ErrorCode::NotAllowedInCompound);
}

TEST(MakeCompoundMessage, RefusesAnEmptyList) {
  EXPECT_EQ(make_compound_message({}).error().code, ErrorCode::CompoundCountMismatch);
}

TEST(MakeCompoundMessage, RefusesTheWrongOrderForMessage035) {
  std::vector<Structure> parts = {make_din("A9999", 26, 123456).value(), make_structure("032", "000012").value()};
  EXPECT_EQ(make_compound_message(parts, "035").error().code, ErrorCode::CompoundOrderMismatch);
}

TEST(MakeCompoundMessage, RefusesAMessageNumberThatIsNotThreeDigits) {
  std::vector<Structure> parts = {make_din("A9999", 26, 123456).value()};
  EXPECT_EQ(make_compound_message(parts, "0A0").error().code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(make_compound_message(parts, "00").error().code, ErrorCode::WrongLength);
}

}  // namespace
}  // namespace cj::isbt128
