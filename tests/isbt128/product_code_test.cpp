// Product Code [003]: PDC, category by prefix, collection type (Table 7), division, and divisions [032].
#include "isbt128/product_code.h"

#include <gtest/gtest.h>

#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::describe_fields;
using testing::parse_error;
using testing::parse_one;

TEST(ProductCode, Figure3ExampleReadsPdcCollectionTypeAndDivision) {
  const Structure s = parse_one("=<S12954A0");
  EXPECT_EQ(text_field(s, "pdc"), "S1295");
  EXPECT_EQ(text_field(s, "collection_type"), "4");
  EXPECT_EQ(text_field(s, "collection_type_meaning"), "designated");
  EXPECT_EQ(text_field(s, "division"), "A0");
  EXPECT_EQ(bool_field(s, "divided"), true);
}

TEST(ProductCode, CollectionType1IsAutologousUseOnly) {
  EXPECT_EQ(text_field(parse_one("=<S1194100"), "collection_type_meaning"), "for autologous use only");
}

TEST(ProductCode, CollectionTypeIsCaseSensitive) {
  EXPECT_EQ(text_field(parse_one("=<S1194R00"), "collection_type_meaning"), "volunteer research");
  EXPECT_EQ(text_field(parse_one("=<S1194r00"), "collection_type_meaning"), "paid research");
}

TEST(ProductCode, CollectionTypeOutsideTable7IsInvalid) {
  const Error error = parse_error("=<S1194Z00");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 7u);
}

TEST(ProductCode, DivisionIsUppercaseThenLowercase) {
  EXPECT_EQ(text_field(parse_one("=<S1194VAb"), "division"), "Ab");
  EXPECT_EQ(parse_error("=<S1194VaB").position, 8u);
  EXPECT_EQ(parse_error("=<S1194VAB").position, 9u);
}

TEST(ProductCode, TissueHasAThreeDigitPackCode) {
  EXPECT_EQ(describe_fields(parse_one("=<T1295003")), "pdc=T1295; category=tissue; division=003; divided=true");
  EXPECT_EQ(parse_error("=<T12950A3").code, ErrorCode::InvalidCharacter);
}

TEST(ProductCode, CategoryFollowsThePrefix) {
  EXPECT_EQ(product_category("S1194"), "cellular therapy");
  EXPECT_EQ(product_category("E0001"), "blood");
  EXPECT_EQ(product_category("F0001"), "blood");
  EXPECT_EQ(product_category("H0001"), "MPHO with INN/USAN");
  EXPECT_EQ(product_category("M0001"), "milk");
  EXPECT_EQ(product_category("M9001"), "topical");
  EXPECT_EQ(product_category("N0001"), "organs");
  EXPECT_EQ(product_category("P0001"), "regenerated tissue");
  EXPECT_EQ(product_category("R0001"), "reproductive");
  EXPECT_EQ(product_category("T0001"), "tissue");
  EXPECT_EQ(product_category("V0001"), "ocular");
  EXPECT_EQ(product_category("W0001"), "fecal microbiota");
  EXPECT_EQ(product_category("X0001"), "plasma derivatives");
  EXPECT_EQ(product_category("X5001"), "in-vivo diagnostic");
  EXPECT_EQ(product_category("YA001"), "clinical trial");
  EXPECT_EQ(product_category("A0001"), "national or local");
  EXPECT_EQ(product_category("G0001"), "unknown");
}

TEST(ProductCode, ClinicalTrialCodesHaveCollectionTypeAndDivision) {
  EXPECT_EQ(text_field(parse_one("=<YA0011A0"), "collection_type"), "1");
}

TEST(ProductCode, NationalCodesKeepTheirLastThreeCharactersOpaque) {
  EXPECT_EQ(describe_fields(parse_one("=<A1234xyz")), "pdc=A1234; category=national or local; tds=xyz");
}

TEST(ProductCode, PdcStartsWithACapitalLetter) {
  EXPECT_EQ(parse_error("=<11194A00").code, ErrorCode::InvalidCharacter);
}

TEST(ProductDivisions, Division99WithoutDivisionsStructureIsMissingDivisions) {
  const Error missing = parse_error("=A99992612345600=<S1194199");
  EXPECT_EQ(missing.code, ErrorCode::MissingDivisions);
  EXPECT_EQ(missing.code_name(), "MISSING_DIVISIONS");
  EXPECT_EQ(missing.position, 24u);
}

TEST(ProductDivisions, Division99AloneIsMissingDivisions) {
  EXPECT_EQ(parse_error("=<S1194199").code, ErrorCode::MissingDivisions);
}

TEST(ProductDivisions, Division99WithDivisionsStructureInTheSameScanIsAccepted) {
  ParseResult result = parse("=<S1194199=,000012");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(bool_field(result.value()[0], "divisions_required"), true);
}

TEST(ProductDivisions, DivisionsStructureMayComeFirst) { EXPECT_TRUE(parse("=,AABBCC=<S1194199").ok()); }

TEST(ProductDivisions, DivisionsAreCapitalsAndDigits) {
  EXPECT_EQ(parse_error("=,aabbcc").code, ErrorCode::InvalidCharacter);
}

TEST(MakeProductCode, BuildsFromPdcCollectionTypeAndDivision) {
  Result<Structure> code = make_product_code("S1194", '1', "00");
  ASSERT_TRUE(code.ok()) << code.error().message;
  EXPECT_EQ(format(code.value()), "=<S1194100");
  EXPECT_EQ(code.value(), parse_one("=<S1194100"));
}

TEST(MakeProductCode, BuildsAPackCode) { EXPECT_EQ(format(make_product_code("T1295", "003").value()), "=<T1295003"); }

TEST(MakeProductCode, AllowsDivision99ForLabelsThatCarryA032) {
  EXPECT_TRUE(make_product_code("S1194", '1', "99").ok());
}

TEST(MakeProductCode, RefusesACollectionTypeOutsideTable7) {
  EXPECT_EQ(make_product_code("S1194", 'Z', "00").error().code, ErrorCode::InvalidCharacter);
}

TEST(MakeProductCode, RefusesAShortPdc) {
  EXPECT_EQ(make_product_code("S119", '1', "00").error().code, ErrorCode::WrongLength);
}

}  // namespace
}  // namespace cj::isbt128
