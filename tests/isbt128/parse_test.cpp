// parse(): splitting scanned text into structures, and every error a scan can give.
#include "isbt128/parse.h"

#include <gtest/gtest.h>

#include "isbt128/format.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::parse_error;
using testing::parse_one;

TEST(Parse, ConcatenatedDinAndProductCodeGiveTwoStructures) {
  ParseResult result = parse("=A99992612345600=<S1194A00");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result.value().size(), 2u);
  EXPECT_EQ(result.value()[0].number, "001");
  EXPECT_EQ(result.value()[0].content, "A99992612345600");
  EXPECT_EQ(result.value()[1].number, "003");
  EXPECT_EQ(result.value()[1].content, "S1194A00");
}

TEST(Parse, ConcatenatedDinAndDivisionsGiveTwoStructures) {
  ParseResult result = parse("=A99991712345600=,000012");  // isbt128.md §8
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result.value().size(), 2u);
  EXPECT_EQ(result.value()[0].number, "001");
  EXPECT_EQ(result.value()[1].number, "032");
  EXPECT_EQ(text_field(result.value()[1], "divisions"), "000012");
}

TEST(Parse, CommonConcatenationPairsSplit) {
  // ST-001 §10 common pairs: 001+002, 003+005, 017+018, 024+025.
  for (const char* text :
       {"=A99992612345600=%6200", "=<S1194A00&>0263242359", "=)1AB0012345&)0000LOT123", "=#AB19700101&#AB06PAT123"}) {
    ParseResult result = parse(text);
    ASSERT_TRUE(result.ok()) << text << ": " << result.error().message;
    EXPECT_EQ(result.value().size(), 2u) << text;
  }
}

TEST(Parse, FormatOfTheStructuresIsTheInput) {
  const std::string text = "=A99992612345689=<S1194100&>0263242359";
  ParseResult result = parse(text);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(format(result.value()), text);
}

TEST(Parse, CautionaryExampleBloodGroupIsNotRedCellAntigens) {
  // ST-001 §2.2: "=%6200" is A RhD positive; "=\620000000000000000" is an RBC antigen structure.
  EXPECT_EQ(parse_one("=%6200").number, "002");
  EXPECT_EQ(parse_one("=\\620000000000000000").number, "012");
  EXPECT_EQ(parse_error("=%620000000000000000").code, ErrorCode::WrongLength);
}

TEST(Parse, EmptyInputIsAnError) {
  const Error error = parse_error("");
  EXPECT_EQ(error.code, ErrorCode::EmptyInput);
  EXPECT_EQ(error.code_name(), "EMPTY_INPUT");
  EXPECT_EQ(error.position, 0u);
  EXPECT_EQ(error.message, "Empty scan: nothing was read. Scan the barcode again.");
}

TEST(Parse, OnlySpacesAndLineEndsAreAnEmptyScan) {
  for (const char* blank : {" ", "   ", "\t", "\r", "\n", "\r\n", " \r\n\n"}) {
    const Error error = parse_error(blank);
    EXPECT_EQ(error.code, ErrorCode::EmptyInput) << ::testing::PrintToString(blank);
    EXPECT_EQ(error.position, 0u);
    EXPECT_NE(error.message.find("Empty scan"), std::string::npos) << error.message;
  }
}

TEST(Parse, AnEmptyScanLeavesNoStructuresInTheReusedVector) {
  std::vector<Structure> out;
  ASSERT_FALSE(parse_into("=A99992612345600", out));
  const auto error = parse_into("\r\n", out);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::EmptyInput);
  EXPECT_TRUE(out.empty());
}

TEST(Parse, ACodeWithASpaceAroundItIsNotAnEmptyScan) {
  EXPECT_EQ(parse_error(" =A99992612345600").code, ErrorCode::UnknownDataIdentifier);
}

TEST(Parse, TextWithoutDataIdentifierIsUnknownDataIdentifier) {
  const Error error = parse_error("A99992612345600");
  EXPECT_EQ(error.code, ErrorCode::UnknownDataIdentifier);
  EXPECT_EQ(error.position, 0u);
}

TEST(Parse, UnusedSecondCharacterIsUnknownDataIdentifier) {
  const Error error = parse_error("=@12345");
  EXPECT_EQ(error.code, ErrorCode::UnknownDataIdentifier);
  EXPECT_EQ(error.code_name(), "UNKNOWN_DATA_IDENTIFIER");
}

TEST(Parse, AmpersandCommaAloneIsNeverValid) {
  EXPECT_EQ(parse_error("&,5000000000000000000").code, ErrorCode::UnknownDataIdentifier);
  EXPECT_EQ(parse_error("&,").code, ErrorCode::WrongLength);
}

TEST(Parse, DataIdentifierAloneIsWrongLength) {
  EXPECT_EQ(parse_error("=").code, ErrorCode::WrongLength);
  EXPECT_EQ(parse_error("=<").code, ErrorCode::WrongLength);
}

TEST(Parse, LowercaseDinFirstCharacterIsRejected) {
  const Error error = parse_error("=a99992612345600");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 1u);
  EXPECT_NE(error.message.find("(position 1)"), std::string::npos) << error.message;
}

TEST(Parse, LetterOAsDinFirstCharacterIsRejected) {
  const Error error = parse_error("=O99992612345600");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 1u);
}

TEST(Parse, DigitZeroAsDinFirstCharacterIsRejected) {
  const Error error = parse_error("=099992612345600");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 1u);
}

TEST(Parse, DigitAsDinFirstCharacterIsAccepted) { EXPECT_EQ(parse_one("=199992612345600").number, "001"); }

TEST(Parse, TruncatedStructureIsWrongLengthAtItsStart) {
  const Error error = parse_error("=A99992612345600=<S1194");
  EXPECT_EQ(error.code, ErrorCode::WrongLength);
  EXPECT_EQ(error.position, 16u);
  EXPECT_NE(error.message.find("Product Code is incomplete"), std::string::npos) << error.message;
}

TEST(Parse, StructureCutShortByTheNextOneIsWrongLengthWhereTheNextStarts) {
  const Error error = parse_error("=A999926123456=<S1194A00");  // DIN without its flags
  EXPECT_EQ(error.code, ErrorCode::WrongLength);
  EXPECT_EQ(error.position, 14u);
}

TEST(Parse, StrayCharactersAfterAStructureAreWrongLength) {
  const Error error = parse_error("=A99992612345600XY");
  EXPECT_EQ(error.code, ErrorCode::WrongLength);
  EXPECT_EQ(error.position, 16u);
}

TEST(Parse, InvalidCharacterGivesItsPositionInTheInput) {
  const Error error = parse_error("=A99992612345600=<S1194A00=>01903X");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 33u);
  EXPECT_EQ(error.code_name(), "INVALID_CHARACTER");
}

TEST(Parse, NonAsciiByteIsInvalidCharacter) {
  const Error error = parse_error(
      "=A9999261234\xC3\xA9"
      "00");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 12u);
  EXPECT_NE(error.message.find("0xC3"), std::string::npos) << error.message;
}

TEST(Parse, DinFlagsOutsideTheFlagAlphabetAreInvalid) {
  EXPECT_EQ(parse_error("=A999926123456IO").code, ErrorCode::InvalidCharacter);
}

TEST(Parse, FinWithLetterOIsInvalid) {
  const Error error = parse_error("=AO9992612345600");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 2u);
}

TEST(Parse, CounterOfAPatientIdentificationNumberDecidesItsLength) {
  ParseResult result = parse("&#AB03XYZ=A99992612345600");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(text_field(result.value()[0], "patient_id"), "XYZ");
  EXPECT_EQ(result.value()[1].number, "001");
}

TEST(Parse, PatientIdentificationNumberShorterThanItsCounterIsWrongLength) {
  EXPECT_EQ(parse_error("&#AB10XYZ").code, ErrorCode::WrongLength);
}

TEST(Parse, PatientIdentificationNumberWithZeroLengthIsWrongLength) {
  const Error error = parse_error("&#AB00");
  EXPECT_EQ(error.code, ErrorCode::WrongLength);
  EXPECT_EQ(error.position, 4u);
}

TEST(Parse, PatientIdentificationNumberIsAlphanumericOnly) {
  const Error error = parse_error("&#AB03X-Z");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 7u);
}

TEST(Parse, CountOfDimensionsMustBeDigits) { EXPECT_EQ(parse_error("&$A1").code, ErrorCode::InvalidCharacter); }

TEST(Parse, CoiMustStartWithCH) {
  const Error error = parse_error("&/CXA99992600001A");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 3u);
}

TEST(Parse, GridWithWrongChecksumIsCheckFailed) {
  const Error error = parse_error("&:3553000001234567826");
  EXPECT_EQ(error.code, ErrorCode::CheckFailed);
  EXPECT_EQ(error.position, 19u);
}

TEST(Parse, GridIonCannotStartWithZero) {
  EXPECT_EQ(parse_error("&:0553000001234567825").code, ErrorCode::InvalidCharacter);
}

TEST(Parse, FlexibleDateTimeReferenceMustBe1Or2) {
  const Error error = parse_error("=(3001202611201015");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 2u);
}

TEST(Parse, FlexibleDateReservedDigitMustBe0) {
  EXPECT_EQ(parse_error("=(2101202611201015").code, ErrorCode::InvalidCharacter);
}

TEST(Parse, ErrorPositionIsWithinTheInput) {
  for (const char* text : {"=", "&", "=A", "&,", "=<S11", "=A99992612345600=", "x", "=A99992612345600&"}) {
    const Error error = parse_error(text);
    EXPECT_LT(error.position, std::string_view(text).size()) << text;
  }
}

TEST(Parse, ParseIntoReusesTheVectorAndGivesTheSameResult) {
  std::vector<Structure> structures;
  ASSERT_FALSE(parse_into("=A99992612345600=<S1194A00", structures).has_value());
  ASSERT_FALSE(parse_into("=<S1194A00", structures).has_value());
  ASSERT_EQ(structures.size(), 1u);
  EXPECT_EQ(structures, parse("=<S1194A00").value());
}

TEST(Parse, ParseIntoKeepsTheStructuresBeforeAnError) {
  std::vector<Structure> structures;
  const std::optional<Error> error = parse_into("=A99992612345600=<S11", structures);
  ASSERT_TRUE(error.has_value());
  ASSERT_EQ(structures.size(), 1u);
  EXPECT_EQ(structures[0].number, "001");
}

}  // namespace
}  // namespace cj::isbt128
