// The journey model: core.yaml's core steps in order with the board's words, and the problems
// of a model that does not read.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/workflows/test_support.h"
#include "workflows/journey_model.h"

namespace cj::workflows {
namespace {

using testing::problems_text;

std::vector<std::string> step_ids(const std::vector<NamedStep>& steps) {
  std::vector<std::string> ids;
  for (const NamedStep& s : steps) ids.push_back(s.step);
  return ids;
}

TEST(JourneyModel, CoreStepsAreTheThirteenOfTheDesignInOrder) {
  EXPECT_EQ(
      step_ids(core_journey_model().steps),
      (std::vector<std::string>{"order", "apheresis.collect", "apheresis.label", "apheresis.ship",
                                "manufacturing.receive", "manufacturing.release", "product.ship", "product.receive",
                                "product.store", "product.thaw", "infusion.verify", "infusion.start", "infusion.end"}));
  EXPECT_EQ(core_journey_model().stage_count(), 13);
}

TEST(JourneyModel, EveryCoreStepHasTheBoardsWord) {
  std::vector<std::string> names;
  for (const NamedStep& s : core_journey_model().steps) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Order", "Collection", "Bag labelled", "Shipped to manufacturer",
                                             "At manufacturer", "Released", "Shipped to hospital", "Received", "Stored",
                                             "Thawing", "Identity checked", "Infusing", "Infused"}));
}

TEST(JourneyModel, SideStepsHaveTheBoardsWord) {
  const JourneyModel& model = core_journey_model();
  EXPECT_EQ(step_ids(model.side_steps),
            (std::vector<std::string>{"hold", "return", "dispose", "correction", "manufacturing.start"}));
  EXPECT_EQ(model.name_of("hold"), "On hold");
  EXPECT_EQ(model.name_of("return"), "Returned");
  EXPECT_EQ(model.name_of("dispose"), "Disposed");
  EXPECT_EQ(model.name_of("correction"), "Correction");
  EXPECT_EQ(model.name_of("manufacturing.start"), "Manufacturing");
}

TEST(JourneyModel, StageOfACoreStepIsItsPositionFromOne) {
  const JourneyModel& model = core_journey_model();
  EXPECT_EQ(model.stage_of("order"), 1);
  EXPECT_EQ(model.stage_of("product.thaw"), 10);
  EXPECT_EQ(model.stage_of("infusion.end"), 13);
  EXPECT_EQ(model.name_of("product.thaw"), "Thawing");
}

TEST(JourneyModel, StepOffTheCoreLineHasNoStage) {
  const JourneyModel& model = core_journey_model();
  EXPECT_EQ(model.stage_of("hold"), 0);
  EXPECT_EQ(model.stage_of("product.thaw_complete"), 0);
  EXPECT_EQ(model.stage_of(""), 0);
}

TEST(JourneyModel, StepTheModelDoesNotNameHasNoWord) {
  EXPECT_EQ(core_journey_model().name_of("lymphodepletion.end"), "");
}

constexpr std::string_view kSteps = R"(
steps:
  order: {roles: [coordinator]}
  product.thaw: {after: [order], roles: [cell_lab]}
  hold: {side_exit: true, roles: [qa]}
)";

Result<JourneyModel> load(std::string_view head) {
  const std::string text = std::string(head) + std::string(kSteps);
  return load_journey_model({text, "core.yaml"});
}

TEST(JourneyModelLoading, StepsAndSideStepsAreReadInOrder) {
  const auto model = load(
      "journey:\n  - {step: order, board: Order}\n  - {step: product.thaw, board: Thawing}\n"
      "side_steps: {hold: On hold}\n");
  ASSERT_TRUE(model.ok()) << problems_text(model.error());
  EXPECT_EQ(step_ids(model.value().steps), (std::vector<std::string>{"order", "product.thaw"}));
  EXPECT_EQ(model.value().name_of("hold"), "On hold");
}

TEST(JourneyModelLoading, MissingJourneyIsAProblem) {
  const auto model = load("side_steps: {hold: On hold}\n");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(problems_text(model.error()).find("`journey` must list the core steps"), std::string::npos);
}

TEST(JourneyModelLoading, StepWithoutItsWordIsAProblemAtItsLine) {
  const auto model = load("journey:\n  - {step: order, board: Order}\n  - {step: product.thaw}\n");
  ASSERT_FALSE(model.ok());
  ASSERT_EQ(model.error().size(), 1u) << problems_text(model.error());
  EXPECT_EQ(model.error()[0].line, 3);
  EXPECT_NE(model.error()[0].message.find("missing `board`"), std::string::npos);
}

TEST(JourneyModelLoading, StepTheCoreDoesNotDefineIsAProblem) {
  const auto model = load("journey:\n  - {step: order, board: Order}\nside_steps: {dispose: Disposed}\n");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(problems_text(model.error()).find("`dispose` is not a step of the core's `steps`"), std::string::npos);
}

TEST(JourneyModelLoading, StepNamedTwiceIsAProblem) {
  const auto model = load("journey:\n  - {step: order, board: Order}\nside_steps: {order: Ordered}\n");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(problems_text(model.error()).find("`order` is named twice"), std::string::npos);
}

TEST(JourneyModelLoading, UnknownKeyOfAJourneyItemIsAProblem) {
  const auto model = load("journey:\n  - {step: order, board: Order, stage: 1}\n");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(problems_text(model.error()).find("unknown key `stage`"), std::string::npos);
}

}  // namespace
}  // namespace cj::workflows
