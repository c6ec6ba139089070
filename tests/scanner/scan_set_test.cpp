// Scan sets: a step's codes assembled read by read, one patient per set, checked locally.
#include "scanner/scan_set.h"

#include <gtest/gtest.h>

#include "tests/scanner/scanner_test_codes.h"

namespace cj::scanner {
namespace {

using namespace testing;

CheckedRead read_of(const std::string& text) { return std::get<CheckedRead>(check_read(text)); }

TEST(ScanSet, ASetIsCompleteWhenEveryNeededKindIsScanned) {
  ScanSet set({CodeKind::Coi, CodeKind::Din});
  EXPECT_FALSE(set.complete());
  EXPECT_FALSE(set.add(read_of(coi_text("00001A"))));
  EXPECT_EQ(set.missing(), std::vector<CodeKind>{CodeKind::Din});
  EXPECT_FALSE(set.add(read_of(din_text(11))));
  EXPECT_TRUE(set.complete());
  EXPECT_EQ(set.journey(), coi_text("00001A").substr(2));
  EXPECT_EQ(set.scans(), (std::vector<std::string>{coi_text("00001A"), din_text(11)}));
}

TEST(ScanSet, TheCoiIsAlwaysNeededBecauseItNamesTheJourney) {
  ScanSet set({CodeKind::Din});
  EXPECT_FALSE(set.add(read_of(din_text(12))));
  EXPECT_FALSE(set.complete());
  EXPECT_EQ(set.missing(), std::vector<CodeKind>{CodeKind::Coi});
}

TEST(ScanSet, OneCompoundLabelCanCompleteASet) {
  ScanSet set({CodeKind::Coi, CodeKind::Din, CodeKind::ProductCode});
  EXPECT_FALSE(set.add(read_of(compound_text(13, "00013D"))));
  EXPECT_TRUE(set.complete());
}

TEST(ScanSet, ASecondCoiOfAnotherJourneyIsRejectedAsWrongPatient) {
  ScanSet set({CodeKind::Coi, CodeKind::Din});
  EXPECT_FALSE(set.add(read_of(coi_text("00001A"))));
  const auto rejection = set.add(read_of(compound_text(14, "00002B")));
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->code, "WRONG_PATIENT");
  EXPECT_EQ(set.scans().size(), 1u) << "a rejected read leaves the set as it was";
  EXPECT_FALSE(set.complete());
}

TEST(ScanSet, TheSameCodeTwiceCountsOnce) {
  ScanSet set({CodeKind::Coi, CodeKind::Din, CodeKind::Din});
  EXPECT_FALSE(set.add(read_of(din_text(15))));
  const auto rejection = set.add(read_of(din_text(15)));
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->code, "ALREADY_SCANNED");
  EXPECT_EQ(set.missing(), (std::vector<CodeKind>{CodeKind::Coi, CodeKind::Din}));
}

TEST(ScanSet, ClearStartsTheSetAgain) {
  ScanSet set({CodeKind::Coi});
  EXPECT_FALSE(set.add(read_of(coi_text("00001A"))));
  set.clear();
  EXPECT_TRUE(set.empty());
  EXPECT_EQ(set.journey(), "");
  EXPECT_FALSE(set.add(read_of(coi_text("00002B")))) << "after clear another journey may start";
}

}  // namespace
}  // namespace cj::scanner
