// Registry rows: each interval of docs/export.md from a scripted journey with known times, one
// interval per test; what an uncomputable interval looks like; what counts as a fact.
#include <gtest/gtest.h>

#include "server/exports/registry_row.h"
#include "tests/server/exports/recorded_journey.h"

namespace cj::exports {
namespace {

using namespace std::chrono_literals;
using testing::RecordedJourney;

class RegistryRowTest : public RecordedJourney {
 protected:
  RegistryRow row() const { return registry_row(&definition_, facts_); }
};

TEST_F(RegistryRowTest, VeinToVeinRunsFromTheLastCollectionEndToTheFirstInfusionStart) {
  infused();
  EXPECT_EQ(row().intervals.vein_to_vein, 45 * 24h + 21h + 50min);  // 10-05 12:00 -> 11-20 09:50
}

TEST_F(RegistryRowTest, DecisionToInfusionRunsFromTheOrderToTheFirstInfusionStart) {
  infused();
  EXPECT_EQ(row().intervals.decision_to_infusion, 50 * 24h + 50min);  // 10-01 09:00 -> 11-20 09:50
}

TEST_F(RegistryRowTest, ManufacturingTurnaroundRunsFromManufacturerReceiptToRelease) {
  infused();
  EXPECT_EQ(row().intervals.manufacturing_turnaround, 22 * 24h);  // 10-06 10:00 -> 10-28 10:00
}

TEST_F(RegistryRowTest, ApheresisToReleaseRunsFromTheLastCollectionToRelease) {
  infused();
  EXPECT_EQ(row().intervals.apheresis_to_release, 22 * 24h + 22h);  // 10-05 12:00 -> 10-28 10:00
}

TEST_F(RegistryRowTest, ApheresisAgeAtManufacturingStartRunsFromTheLastCollection) {
  infused();
  EXPECT_EQ(row().intervals.apheresis_age_at_manufacturing_start, 44h);  // 10-05 12:00 -> 10-07 08:00
}

TEST_F(RegistryRowTest, LdEndToInfusionRunsFromTheLastLdDoseToTheFirstInfusionStart) {
  infused();
  EXPECT_EQ(row().intervals.ld_end_to_infusion, 2 * 24h + 23h + 50min);  // 11-17 10:00 -> 11-20 09:50
}

TEST_F(RegistryRowTest, ThawToInfusionEndIsTakenFromTheStartOfThaw) {
  infused();
  EXPECT_EQ(row().thaw_to_infusion_end_max, 30min);  // thaw 09:30 -> end 10:00
}

TEST_F(RegistryRowTest, JourneyWithoutInfusionHasNoInfusionIntervals) {
  until_stored();
  const RegistryRow r = row();
  EXPECT_FALSE(r.intervals.vein_to_vein);
  EXPECT_FALSE(r.intervals.decision_to_infusion);
  EXPECT_FALSE(r.intervals.ld_end_to_infusion);
  EXPECT_FALSE(r.thaw_to_infusion_end_max);
  EXPECT_FALSE(r.first_infusion_start);
  EXPECT_EQ(r.bags_infused, 0);
  EXPECT_EQ(r.intervals.manufacturing_turnaround, 22 * 24h) << "what was recorded is still computed";
}

TEST_F(RegistryRowTest, ACorrectedEventDoesNotCount) {
  until_stored();
  happen("lymphodepletion.end", "2026-11-17T10:00:00Z", {"nina"});
  const auto wrong = happen("lymphodepletion.end", "2026-11-19T10:00:00Z", {"nina"});  // the wrong day
  ASSERT_EQ(row().ld_end, *workflows::parse_time("2026-11-19T10:00:00Z")) << "before the correction";
  FactEvent correction;
  correction.recorded.event_id = 9999;
  correction.recorded.event.step = "correction";
  correction.corrects_event_id = wrong;
  facts_.events.push_back(correction);
  facts_.events = counted_events(facts_.events);
  EXPECT_EQ(row().ld_end, *workflows::parse_time("2026-11-17T10:00:00Z"));
  EXPECT_EQ(facts_.events.size(), 11u) << "the corrected event and the correction are gone";
}

TEST_F(RegistryRowTest, OutOfSpecificationReleaseDeclinedByThePhysicianIsAManufacturingFailure) {
  until_stored(/*out_of_specification=*/true);
  happen("oos.physician_decision", "2026-10-31T09:00:00Z", {"paul"}, {},
         {{"decision", "do_not_release"}, {"reason", "viability below 80%"}});
  const RegistryRow r = row();
  EXPECT_TRUE(r.oos_release);
  EXPECT_EQ(r.oos_physician_releases, false);
  EXPECT_TRUE(r.manufacturing_failed);
}

TEST_F(RegistryRowTest, ConformingReleaseIsNeitherOosNorFailure) {
  infused();
  const RegistryRow r = row();
  EXPECT_FALSE(r.oos_release);
  EXPECT_FALSE(r.oos_physician_releases);
  EXPECT_FALSE(r.manufacturing_failed);
}

TEST_F(RegistryRowTest, DeviationsAreCountedByCode) {
  facts_.deviation_codes = {"WINDOW_EXCEEDED", "OVERDUE", "WINDOW_EXCEEDED"};
  const RegistryRow r = row();
  EXPECT_EQ(r.deviations_total, 3);
  EXPECT_EQ(r.deviations_by_code.at("WINDOW_EXCEEDED"), 2);
  EXPECT_EQ(r.deviations_by_code.at("OVERDUE"), 1);
}

TEST_F(RegistryRowTest, WithoutTheProductRulesTheIntervalsStayEmptyButTimePointsAreGiven) {
  infused();
  const RegistryRow r = registry_row(nullptr, facts_);
  EXPECT_FALSE(r.intervals.vein_to_vein);
  EXPECT_EQ(r.first_infusion_start, *workflows::parse_time("2026-11-20T09:50:00Z"));
}

}  // namespace
}  // namespace cj::exports
