// What was foreign in a refused scan set (server/near_misses/foreign_identity.h): the pure
// reading of the event's raw scans against the journey's identity. No database, no server.
#include <gtest/gtest.h>

#include "server/near_misses/foreign_identity.h"

namespace cj::near_misses {
namespace {

using workflows::Code;

// Journey CHA99992600001A: patient wristband MRN12345, bag A999926123456 (S1194A00), shipper SHIP-0001.
workflows::JourneyIdentity journey() {
  workflows::JourneyIdentity identity;
  identity.coi = "CHA99992600001A";
  identity.wristband = "MRN12345";
  workflows::Unit bag;
  bag.kind = "bag";
  bag.din = "A999926123456";
  bag.product_code = "S1194A00";
  workflows::Unit shipper;
  shipper.kind = "shipper";
  shipper.id = "SHIP-0001";
  identity.units = {bag, shipper};
  return identity;
}

workflows::Event scanned(std::vector<std::string> scans) {
  workflows::Event event;
  event.journey = "CHA99992600001A";
  event.step = "infusion.verify";
  event.scans = std::move(scans);
  return event;
}

std::vector<workflows::Finding> refused(std::initializer_list<Code> codes) {
  std::vector<workflows::Finding> findings;
  for (auto code : codes) findings.push_back({code, workflows::Severity::Critical, "refused", "core/identity"});
  return findings;
}

TEST(NearMissCodes, AreTheWrongPatientRefusalsAndNothingElse) {
  EXPECT_TRUE(is_near_miss_code(Code::CoiMismatch));
  EXPECT_TRUE(is_near_miss_code(Code::WristbandMismatch));
  EXPECT_TRUE(is_near_miss_code(Code::UnitNotInJourney));
  for (auto code : {Code::ScanMissing, Code::ScanInvalid, Code::Expired, Code::RoleMissing, Code::FieldMissing,
                    Code::WitnessNotDistinct, Code::TimeInFuture, Code::WindowExceeded}) {
    EXPECT_FALSE(is_near_miss_code(code)) << workflows::code_name(code);
  }
}

TEST(NearMissIdentity, AnotherPatientsBagLabelGivesItsCoiFirstThenItsDin) {
  const auto found =
      foreign_identities(scanned({"&#0008MRN12345", "=A99992698765400", "=<S1194A00", "&/CHA99992600002B"}), journey(),
                         true, refused({Code::UnitNotInJourney, Code::CoiMismatch}));

  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], (ForeignIdentity{IdentityKind::kCoi, Code::CoiMismatch, 4, "CHA99992600002B"}));
  EXPECT_EQ(found[1], (ForeignIdentity{IdentityKind::kUnit, Code::UnitNotInJourney, 2, "A999926987654"}));
}

TEST(NearMissIdentity, AnotherPatientsIsbtWristbandIsAForeignWristbandWithItsPatientId) {
  const auto found = foreign_identities(scanned({"&#0008MRN99999", "=A99992612345600", "=<S1194A00"}), journey(), true,
                                        refused({Code::WristbandMismatch}));

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (ForeignIdentity{IdentityKind::kWristband, Code::WristbandMismatch, 1, "MRN99999"}));
  EXPECT_TRUE(wristband_mismatch(refused({Code::WristbandMismatch})));
  EXPECT_FALSE(wristband_mismatch(refused({Code::CoiMismatch})));
}

TEST(NearMissIdentity, AnUnknownPlainTextScanIsAWristbandWhereTheStepReadsOneAndNoneMatched) {
  const auto found = foreign_identities(scanned({"LOCAL-BAND-42", "=A99992612345600"}), journey(), true,
                                        refused({Code::WristbandMismatch}));

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (ForeignIdentity{IdentityKind::kWristband, Code::WristbandMismatch, 1, "LOCAL-BAND-42"}));
}

TEST(NearMissIdentity, AnUnknownPlainTextScanIsAUnitWhereTheStepReadsNoWristband) {
  const auto found = foreign_identities(scanned({"SHIP-0002"}), journey(), false, refused({Code::UnitNotInJourney}));

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (ForeignIdentity{IdentityKind::kUnit, Code::UnitNotInJourney, 1, "SHIP-0002"}));
}

TEST(NearMissIdentity, AnUnknownPlainTextScanIsAUnitWhenTheRightWristbandWasScannedToo) {
  const auto found =
      foreign_identities(scanned({"&#0008MRN12345", "CASSETTE-7"}), journey(), true, refused({Code::UnitNotInJourney}));

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (ForeignIdentity{IdentityKind::kUnit, Code::UnitNotInJourney, 2, "CASSETTE-7"}));
}

TEST(NearMissIdentity, ThisJourneysOwnIdentitiesAreNeverForeign) {
  const auto found = foreign_identities(
      scanned({"&#0008MRN12345", "=A99992612345600", "=<S1194A00", "&/CHA99992600001A", "SHIP-0001", "MRN12345"}),
      journey(), true, refused({Code::CoiMismatch, Code::UnitNotInJourney, Code::WristbandMismatch}));

  EXPECT_TRUE(found.empty());
}

TEST(NearMissIdentity, ThisJourneysBagWithAnotherProductCodeIsNoOtherPatientsBag) {
  const auto found = foreign_identities(scanned({"=A99992612345600", "=<S1195A00"}), journey(), false,
                                        refused({Code::UnitNotInJourney}));

  EXPECT_TRUE(found.empty());
}

TEST(NearMissIdentity, ARefusalThatIsNoNearMissFindsNothingEvenWithAForeignScan) {
  const auto found = foreign_identities(scanned({"=A99992698765400", "&/CHA99992600002B"}), journey(), false,
                                        refused({Code::RoleMissing, Code::FieldMissing}));

  EXPECT_TRUE(found.empty());
}

TEST(NearMissIdentity, OnlyForeignScansTheEngineRefusedForAreNamed) {
  // Refused for the COI alone: the DIN beside it is not what the engine named.
  const auto found = foreign_identities(scanned({"=A99992698765400", "&/CHA99992600002B"}), journey(), false,
                                        refused({Code::CoiMismatch}));

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, IdentityKind::kCoi);
}

TEST(NearMissIdentity, AScanThatDoesNotReadProvesNobodysIdentity) {
  // A DIN with a wrong length: SCAN_INVALID, nothing read from it.
  const auto found = foreign_identities(scanned({"=A9999269876", "&/CHA99992600002B"}), journey(), false,
                                        refused({Code::ScanInvalid, Code::CoiMismatch}));

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (ForeignIdentity{IdentityKind::kCoi, Code::CoiMismatch, 2, "CHA99992600002B"}));
}

TEST(NearMissIdentity, TheSameForeignIdentityOnTwoLabelsIsNamedOnce) {
  const auto found = foreign_identities(scanned({"=A99992698765400", "=A99992698765400=<S1194A00"}), journey(), false,
                                        refused({Code::UnitNotInJourney}));

  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (ForeignIdentity{IdentityKind::kUnit, Code::UnitNotInJourney, 1, "A999926987654"}));
}

TEST(NearMissIdentity, KindsHaveTheirStoredNames) {
  EXPECT_EQ(kind_name(IdentityKind::kCoi), "coi");
  EXPECT_EQ(kind_name(IdentityKind::kWristband), "wristband");
  EXPECT_EQ(kind_name(IdentityKind::kUnit), "unit");
}

}  // namespace
}  // namespace cj::near_misses
