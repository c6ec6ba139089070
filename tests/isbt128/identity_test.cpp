// identity_of(): which structures name a journey, a unit or a patient, and with what value.
#include <gtest/gtest.h>

#include "isbt128/identity.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::parse_one;

TEST(IdentityOf, ChainOfIdentityGivesTheCoi) {
  const Structure s = parse_one("&/CHA99992600001A");
  const Identity identity = identity_of(s);
  EXPECT_EQ(identity.kind, IdentityKind::Coi);
  EXPECT_EQ(identity.value, "CHA99992600001A");
}

TEST(IdentityOf, DinGivesItsThirteenCharactersWithoutFlags) {
  const Structure s = parse_one("=A99992612345600");
  const Identity identity = identity_of(s);
  EXPECT_EQ(identity.kind, IdentityKind::Din);
  EXPECT_EQ(identity.value, "A999926123456");
}

TEST(IdentityOf, ProductCodeGivesItsContent) {
  const Structure s = parse_one("=<S1194A00");
  const Identity identity = identity_of(s);
  EXPECT_EQ(identity.kind, IdentityKind::ProductCode);
  EXPECT_EQ(identity.value, "S1194A00");
}

TEST(IdentityOf, PatientIdentificationGivesThePatientId) {
  const Structure s = parse_one("&#AB06PAT123");
  const Identity identity = identity_of(s);
  EXPECT_EQ(identity.kind, IdentityKind::PatientId);
  EXPECT_EQ(identity.value, "PAT123");
}

TEST(IdentityOf, DatesAndOtherStructuresCarryNone) {
  for (const char* text : {"=>019031", "&>0183652359", "=%6200"}) {
    const Structure s = parse_one(text);
    const Identity identity = identity_of(s);
    EXPECT_EQ(identity.kind, IdentityKind::None) << text;
    EXPECT_EQ(identity.value, "") << text;
  }
}

TEST(IdentityOf, NationalStructureCarriesNone) {
  const Structure s = parse_one("&aXYZ 123");
  EXPECT_EQ(identity_of(s).kind, IdentityKind::None);
}

TEST(IdentityOf, StructureWithoutItsFieldHasAnEmptyValue) {
  Structure s;
  s.number = "040";
  const Identity identity = identity_of(s);
  EXPECT_EQ(identity.kind, IdentityKind::Coi);
  EXPECT_EQ(identity.value, "");
}

}  // namespace
}  // namespace cj::isbt128
