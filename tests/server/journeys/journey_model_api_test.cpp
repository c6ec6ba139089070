// GET /api/v1/journey-model: the core steps in order with the words the pages show for them,
// and the words for the side steps, the same for every signed-in user.
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/server/board/board_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class BoardJourneyModelApiTest : public BoardSuite {};

TEST_F(BoardJourneyModelApiTest, StepsComeInTheBoardsOrderWithTheirWordsAndTheSideStepsWithTheirs) {
  const World w = seed_world("jm-words", "J0301");

  auto reply = log_in(w.coordinator).get("/api/v1/journey-model");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const json::array& steps = reply.body.at("steps").as_array();
  ASSERT_EQ(steps.size(), 13u) << reply.raw;
  EXPECT_EQ(steps.at(0), (json::object{{"step", "order"}, {"name", "Order"}}));
  EXPECT_EQ(steps.at(9), (json::object{{"step", "product.thaw"}, {"name", "Thawing"}}));
  EXPECT_EQ(steps.at(12), (json::object{{"step", "infusion.end"}, {"name", "Infused"}}));
  EXPECT_EQ(reply.body.at("side_steps"), (json::object{{"hold", "On hold"},
                                                       {"return", "Returned"},
                                                       {"dispose", "Disposed"},
                                                       {"correction", "Correction"},
                                                       {"manufacturing.start", "Manufacturing"}}));
}

TEST_F(BoardJourneyModelApiTest, EverySignedInUserReadsTheSameModelAndAVisitorNone) {
  const World w = seed_world("jm-access", "J0302");
  add_user("qa.jm-access", {"qa@jm-access"});

  const auto coordinator = log_in(w.coordinator).get("/api/v1/journey-model");
  const auto qa = log_in("qa.jm-access").get("/api/v1/journey-model");

  ASSERT_EQ(coordinator.status, 200) << coordinator.raw;
  EXPECT_EQ(qa.status, 200) << qa.raw;
  EXPECT_EQ(qa.body, coordinator.body);
  EXPECT_EQ(anonymous().get("/api/v1/journey-model").status, 401);
}

TEST_F(BoardJourneyModelApiTest, TheBoardsStagesAreTheModelsSteps) {
  const World w = seed_world("jm-stage", "J0303");
  const std::string coi = kymriah_journey_until(w, 1, "product.thaw", "MRN60001");
  auto cora = log_in(w.coordinator);

  const auto model = cora.get("/api/v1/journey-model");
  const json::object row = board(cora, "coi=" + coi).at(coi);

  ASSERT_EQ(model.status, 200) << model.raw;
  const json::object& stage = row.at("stage").as_object();
  const auto index = stage.at("index").as_int64();
  ASSERT_GT(index, 0) << json::serialize(row);
  EXPECT_EQ(stage.at("of"), static_cast<std::int64_t>(model.body.at("steps").as_array().size()));
  EXPECT_EQ(stage.at("step"), model.body.at("steps").at(static_cast<std::size_t>(index - 1)).at("step"));
}

}  // namespace
}  // namespace cj::testing
