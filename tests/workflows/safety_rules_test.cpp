// The hard stops and clocks (docs/workflows.md) on single events, one case each, with the times and
// messages people read: the scenarios (scenarios/raises_*.jsonl) show each code once; these pin
// the limits, the bag each rule is about and the due times.
#include <gtest/gtest.h>

#include "tests/workflows/kymriah_journey.h"
#include "workflows/clocks.h"
#include "workflows/deadlines.h"
#include "workflows/json_io.h"

namespace cj::workflows {
namespace {

using testing::KymriahJourney;
using testing::kBag;
using testing::kCoi;
using testing::kProductCode;
using testing::kWristband;

constexpr const char* kBag2 = "=A99992612345700";

class SafetyRules : public KymriahJourney {
 protected:
  void verified_at(const std::string& at, std::vector<std::string> people = {"nina", "paul"}) {
    ASSERT_TRUE(happen(event("infusion.verify", at, std::move(people), {kWristband, kBag, kProductCode, kCoi},
                             {{"tocilizumab_doses_on_site", 1}}))
                    .accepted);
  }
  Decision start_at(const std::string& at) {
    return decide(event("infusion.start", at, {"nina"}, {kBag, kProductCode}));
  }
  std::optional<TimePoint> due(const Decision& decision, const std::string& step) {
    for (const Expectation& expected : decision.next) {
      if (expected.step == step) return expected.due_by;
    }
    return std::nullopt;
  }
};

TEST_F(SafetyRules, InfusionEndIsDueFromCompleteThawBeforeAnythingElseIsRecorded) {
  thawed_at_0935();
  const std::vector<Clock> clocks = open_clocks(definition_, history_, context_);
  ASSERT_EQ(clocks.size(), 1u);  // no premedication recorded: no infusion start clock
  const auto end = clocks.begin();
  EXPECT_EQ(end->step, "infusion.end");
  EXPECT_EQ(end->unit, "A999926123456/S1194A00");
  EXPECT_EQ(end->from, "product.thaw_complete");
  EXPECT_FALSE(end->anchor_missing);
  EXPECT_EQ(end->due_by, *parse_time("2026-11-20T10:05:00Z"));
}

TEST_F(SafetyRules, ThawCompleteDecisionAlreadyNamesTheInfusionEndDeadline) {
  thawed_at_0935();
  history_.pop_back();  // decide the complete thaw itself
  const Decision decision =
      happen(event("product.thaw_complete", "2026-11-20T09:35:00Z", {"alice"}, {kBag, kProductCode}));
  ASSERT_TRUE(decision.accepted);
  EXPECT_EQ(due(decision, "infusion.end"), parse_time("2026-11-20T10:05:00Z"));
}

TEST_F(SafetyRules, WithoutCompleteThawTheClockRunsFromTheStartOfThaw) {
  thawed_at_0935();
  history_.pop_back();  // no complete thaw: thawed at 09:30
  const DeadlineReport report = sweep_deadlines(definition_, history_, context_, *parse_time("2026-11-20T10:00:01Z"));
  const auto end =
      std::find_if(report.clocks.begin(), report.clocks.end(), [](const Clock& c) { return c.step == "infusion.end"; });
  ASSERT_NE(end, report.clocks.end());
  EXPECT_TRUE(end->anchor_missing);
  EXPECT_EQ(end->missing_step, "product.thaw_complete");
  EXPECT_EQ(end->from, "product.thaw");
  EXPECT_EQ(end->due_by, *parse_time("2026-11-20T10:00:00Z"));
  ASSERT_EQ(report.overdue.size(), 1u);
  EXPECT_EQ(report.overdue[0].code, Code::Overdue);
}

TEST_F(SafetyRules, SweepRaisesOverdueWithNothingRecordedAfterTheThaw) {
  thawed_at_0935();
  const DeadlineReport at_limit = sweep_deadlines(definition_, history_, context_, *parse_time("2026-11-20T10:05:00Z"));
  EXPECT_TRUE(at_limit.overdue.empty()) << "due by 10:05 is not overdue at 10:05";
  const DeadlineReport after = sweep_deadlines(definition_, history_, context_, *parse_time("2026-11-20T10:05:01Z"));
  ASSERT_EQ(after.overdue.size(), 1u);
  EXPECT_EQ(after.overdue[0].rule, "kymriah/thaw-to-infusion-end");
}

TEST_F(SafetyRules, SecondCompleteThawRecordDoesNotMoveTheDeadline) {
  thawed_at_0935();
  happen(event("product.thaw_complete", "2026-11-20T09:55:00Z", {"alice"}, {kBag, kProductCode}));
  const std::vector<Clock> clocks = open_clocks(definition_, history_, context_);
  const auto end = std::find_if(clocks.begin(), clocks.end(), [](const Clock& c) { return c.step == "infusion.end"; });
  ASSERT_NE(end, clocks.end());
  EXPECT_EQ(end->started, *parse_time("2026-11-20T09:35:00Z"));
}

TEST_F(SafetyRules, BedsideCheckExactlyAtTheWindowOpensTheInfusionAndOneSecondMoreDoesNot) {
  thawed_at_0935();
  verified_at("2026-11-20T09:40:00Z");
  EXPECT_TRUE(start_at("2026-11-20T10:10:00Z").accepted);
  const Decision late = start_at("2026-11-20T10:10:01Z");
  ASSERT_FALSE(late.accepted);
  EXPECT_EQ(late.refusals[0].code, Code::BedsideCheckMissing);
}

TEST_F(SafetyRules, SiteSetsItsOwnBedsideCheckWindow) {
  auto site = parse_site_config(
      "site: Wide\nregion: EU\nvalues:\n  core/bedside-check.max: {value: 45 min, source: \"SOP-12 v3\"}\n",
      "wide.yaml");
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site.value().safety.bedside_check_window, std::chrono::minutes{45});
  site_.safety = site.value().safety;
  thawed_at_0935();
  verified_at("2026-11-20T09:40:00Z");
  EXPECT_TRUE(start_at("2026-11-20T10:25:00Z").accepted);
}

TEST_F(SafetyRules, BedsideCheckWindowThatIsNotADurationIsAProblemOfTheSiteFile) {
  const auto site = parse_site_config(
      "site: Bad\nregion: EU\nvalues:\n  core/bedside-check.max: {value: soon, source: \"x\"}\n", "bad.yaml");
  ASSERT_FALSE(site.ok());
  EXPECT_NE(site.error()[0].message.find("core/bedside-check.max"), std::string::npos);
}

TEST_F(SafetyRules, HoldOfOneBagRefusesItsThawAndNotTheOtherBags) {
  thawed_at_0935();
  happen(event("product.store", "2026-10-30T09:21:00Z", {"alice"}, {kBag2, kProductCode}, {{"location", "LN2-1/R2"}}));
  happen(event("hold", "2026-11-20T09:40:00Z", {"cora"}, {kBag2, kProductCode}, {{"reason", "label smudged"}}));
  const Decision held = decide(event("product.thaw", "2026-11-20T09:45:00Z", {"alice"}, {kBag2, kProductCode}));
  ASSERT_FALSE(held.accepted);
  EXPECT_EQ(held.refusals[0].code, Code::OnHold);
  EXPECT_NE(held.refusals[0].message.find("label smudged"), std::string::npos);
  verified_at("2026-11-20T09:41:00Z");
  EXPECT_TRUE(start_at("2026-11-20T09:50:00Z").accepted) << "the other bag is not on hold";
}

TEST_F(SafetyRules, ReleaseOfTheBagLiftsItsHold) {
  thawed_at_0935();
  happen(event("product.store", "2026-10-30T09:21:00Z", {"alice"}, {kBag2, kProductCode}, {{"location", "LN2-1/R2"}}));
  happen(event("hold", "2026-11-20T09:40:00Z", {"cora"}, {kBag2, kProductCode}, {{"reason", "label smudged"}}));
  ASSERT_TRUE(happen(event("hold.release", "2026-11-20T09:42:00Z", {"qa_lead"}, {kBag2, kProductCode},
                           {{"reason", "relabelled"}}))
                  .refusals.size() == 1u)
      << "an unknown person may not release";
  ASSERT_TRUE(happen(event("hold.release", "2026-11-20T09:42:00Z", {"quinn"}, {kBag2, kProductCode},
                           {{"reason", "relabelled"}}))
                  .accepted);
  EXPECT_TRUE(decide(event("product.thaw", "2026-11-20T09:45:00Z", {"alice"}, {kBag2, kProductCode})).accepted);
}

TEST_F(SafetyRules, ThawOfOneDivisionIsNotTheThawOfTheOther) {
  context_ = testing::test_context("kymriah_divided");
  happen(event("order", "2026-10-01T09:00:00Z", {"cora"}));
  happen(event("product.store", "2026-10-30T09:20:00Z", {"alice"}, {kBag, "=<S1194AA0"}, {{"location", "LN2-1/R1"}}));
  happen(event("product.store", "2026-10-30T09:21:00Z", {"alice"}, {kBag, "=<S1194AB0"}, {{"location", "LN2-1/R1"}}));
  ASSERT_TRUE(happen(event("product.thaw", "2026-11-20T09:30:00Z", {"alice"}, {kBag, "=<S1194AA0"})).accepted);
  const Decision other =
      decide(event("product.thaw_complete", "2026-11-20T09:35:00Z", {"alice"}, {kBag, "=<S1194AB0"}));
  ASSERT_FALSE(other.accepted);
  EXPECT_EQ(other.refusals[0].code, Code::WrongBag);
  EXPECT_NE(other.refusals[0].message.find("A999926123456/S1194AB0"), std::string::npos);
}

TEST_F(SafetyRules, ClockSkewIsSiteSet) {
  site_.safety.clock_skew = std::chrono::minutes{1};
  thawed_at_0935();
  const Event e = event("infusion.verify", "2026-11-20T09:42:00Z", {"nina", "paul"},
                        {kWristband, kBag, kProductCode, kCoi}, {{"tocilizumab_doses_on_site", 1}});
  const Decision decision = evaluate(definition_, site_, history_, e, context_, *parse_time("2026-11-20T09:40:00Z"));
  ASSERT_FALSE(decision.accepted);
  EXPECT_EQ(decision.refusals[0].code, Code::TimeInFuture);
}

TEST_F(SafetyRules, EmptyScannedLineIsAnInvalidScanNotSilence) {
  thawed_at_0935();
  const Decision decision = decide(event("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {kBag, kProductCode, ""}));
  ASSERT_FALSE(decision.accepted);
  EXPECT_EQ(decision.refusals[0].code, Code::ScanInvalid);
}

TEST_F(SafetyRules, CorrectionOfAnotherJourneysEventIdIsRefused) {
  thawed_at_0935();
  const Decision decision = decide(
      event("correction", "2026-11-20T09:40:00Z", {"alice"}, {}, {{"corrects_event_id", 4242}, {"reason", "typo"}}));
  ASSERT_FALSE(decision.accepted);
  EXPECT_EQ(decision.refusals[0].code, Code::CorrectionInvalid);
}

}  // namespace
}  // namespace cj::workflows
