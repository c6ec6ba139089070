// The stage a journey has reached and the status that gives it (what the board shows and
// journeys.status holds).
#include <gtest/gtest.h>

#include <string>

#include "workflows/journey_status.h"

namespace cj::workflows {
namespace {

Event event(const std::string& step, const std::string& occurred_at) {
  Event e;
  e.step = step;
  e.occurred_at = *parse_time(occurred_at);
  return e;
}

Stage stage_after(std::initializer_list<Event> accepted) {
  Stage stage;
  for (const Event& e : accepted) stage.advance(core_journey_model(), e);
  return stage;
}

BagStatus bag(const std::string& state) {
  BagStatus b;
  b.unit = "A999926123456/S1194A00";
  b.kind = "bag";
  b.state = state;
  return b;
}

Stage last_stage() { return stage_after({event("infusion.end", "2026-11-20T10:30:00Z")}); }

JourneyStatus status(const JourneyStanding& standing, const Stage& stage = {}, bool nothing_open = false) {
  return journey_status(core_journey_model(), standing, stage, nothing_open);
}

TEST(JourneyStage, NoCoreStepRecordedIsStageZero) {
  const Stage stage = stage_after({event("hold", "2026-11-01T08:00:00Z")});
  EXPECT_EQ(stage.index, 0);
  EXPECT_EQ(stage.step, "");
  EXPECT_FALSE(stage.since);
}

TEST(JourneyStage, FurthestCoreStepIsTheStage) {
  const Stage stage =
      stage_after({event("order", "2026-11-01T08:00:00Z"), event("apheresis.collect", "2026-11-02T08:00:00Z"),
                   event("apheresis.label", "2026-11-02T09:00:00Z")});
  EXPECT_EQ(stage.index, 3);
  EXPECT_EQ(stage.step, "apheresis.label");
  EXPECT_EQ(stage.since, parse_time("2026-11-02T09:00:00Z"));
}

TEST(JourneyStage, PerBagStepIsReachedWithItsFirstBag) {
  const Stage stage =
      stage_after({event("product.thaw", "2026-11-20T09:00:00Z"), event("product.thaw", "2026-11-20T09:40:00Z")});
  EXPECT_EQ(stage.index, 10);
  EXPECT_EQ(stage.since, parse_time("2026-11-20T09:00:00Z"));
}

TEST(JourneyStage, EarlierStepRecordedLaterDoesNotGoBack) {
  const Stage stage =
      stage_after({event("product.store", "2026-11-18T09:00:00Z"), event("product.receive", "2026-11-18T10:00:00Z")});
  EXPECT_EQ(stage.index, 9);
  EXPECT_EQ(stage.step, "product.store");
  EXPECT_EQ(stage.since, parse_time("2026-11-18T09:00:00Z"));
}

TEST(JourneyStage, StepsOffTheCoreLineMoveNothing) {
  const Stage stage = stage_after({event("order", "2026-11-01T08:00:00Z"), event("hold", "2026-11-02T08:00:00Z"),
                                   event("lymphodepletion.end", "2026-11-03T08:00:00Z"),
                                   event("product.thaw_complete", "2026-11-04T08:00:00Z")});
  EXPECT_EQ(stage.index, 1);
  EXPECT_EQ(stage.since, parse_time("2026-11-01T08:00:00Z"));
}

TEST(JourneyStatus, NothingRecordedIsActive) { EXPECT_EQ(status({}), JourneyStatus::Active); }

TEST(JourneyStatus, EveryBagDisposedIsDisposed) {
  JourneyStanding standing;
  standing.bags = {bag("disposed"), bag("disposed")};
  EXPECT_EQ(status(standing), JourneyStatus::Disposed);
}

TEST(JourneyStatus, OneBagDisposedOfTwoIsActive) {
  JourneyStanding standing;
  standing.bags = {bag("disposed"), bag("stored")};
  EXPECT_EQ(status(standing), JourneyStatus::Active);
}

TEST(JourneyStatus, WholeProductDisposedIsDisposed) {
  JourneyStanding standing;
  standing.custody.journey_disposed = true;
  standing.bags = {bag("stored")};
  EXPECT_EQ(status(standing), JourneyStatus::Disposed);
}

TEST(JourneyStatus, EveryBagReturnedOrDisposedIsReturned) {
  JourneyStanding standing;
  standing.bags = {bag("returned"), bag("disposed")};
  EXPECT_EQ(status(standing), JourneyStatus::Returned);
}

TEST(JourneyStatus, WholeProductReturnedIsReturned) {
  JourneyStanding standing;
  standing.custody.journey_returned = true;
  EXPECT_EQ(status(standing), JourneyStatus::Returned);
}

TEST(JourneyStatus, DisposedWinsOverReturned) {
  JourneyStanding standing;
  standing.custody.journey_returned = true;
  standing.custody.journey_disposed = true;
  EXPECT_EQ(status(standing), JourneyStatus::Disposed);
}

TEST(JourneyStatus, LastStageWithNothingOpenIsCompleted) {
  EXPECT_EQ(status({}, last_stage(), true), JourneyStatus::Completed);
}

TEST(JourneyStatus, LastStageWithAStepStillExpectedIsActive) {
  EXPECT_EQ(status({}, last_stage(), false), JourneyStatus::Active);
}

TEST(JourneyStatus, NothingOpenBeforeTheLastStageIsActive) {
  EXPECT_EQ(status({}, stage_after({event("product.thaw", "2026-11-20T09:00:00Z")}), true), JourneyStatus::Active);
}

TEST(JourneyStatus, EveryBagDisposedWinsOverCompleted) {
  JourneyStanding standing;
  standing.bags = {bag("disposed")};
  EXPECT_EQ(status(standing, last_stage(), true), JourneyStatus::Disposed);
}

TEST(JourneyStatus, HoldOfTheJourneyIsOnHold) {
  JourneyStanding standing;
  standing.custody.journey_hold = Hold{"temperature log missing", *parse_time("2026-11-18T10:00:00Z"), 7};
  EXPECT_EQ(status(standing), JourneyStatus::OnHold);
}

TEST(JourneyStatus, CompletedWinsOverAHoldOfTheJourney) {
  JourneyStanding standing;
  standing.custody.journey_hold = Hold{"review", *parse_time("2026-11-20T11:00:00Z"), 9};
  EXPECT_EQ(status(standing, last_stage(), true), JourneyStatus::Completed);
}

TEST(JourneyStatus, ABagsOwnHoldLeavesTheJourneyActive) {
  JourneyStanding standing;
  BagStatus held = bag("stored");
  held.hold = Hold{"label smudged", *parse_time("2026-11-18T10:00:00Z"), 8};
  standing.bags = {held};
  standing.custody.unit_holds.emplace(held.unit, *held.hold);
  EXPECT_EQ(status(standing), JourneyStatus::Active);
}

TEST(JourneyStatus, NamesAreTheWordsOfTheApiAndTheDatabase) {
  EXPECT_EQ(status_name(JourneyStatus::Active), "active");
  EXPECT_EQ(status_name(JourneyStatus::OnHold), "on_hold");
  EXPECT_EQ(status_name(JourneyStatus::Completed), "completed");
  EXPECT_EQ(status_name(JourneyStatus::Returned), "returned");
  EXPECT_EQ(status_name(JourneyStatus::Disposed), "disposed");
}

}  // namespace
}  // namespace cj::workflows
