// A journey's plan (PUT/GET /api/v1/journeys/{coi}/plan): the coordinator plans the dates, sees
// which product rule a date breaks, changes the plan with a reason, and every version is kept.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/server/schedule/schedule_world.h"
#include "tests/support/http_client.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

// Collection on day 0, manufacturing from day 2 for 20 days (Kymriah plans 21), infusion on day 40.
class PlanApiTest : public ScheduleSuite {
 protected:
  static json::array short_manufacturing() {
    return {item("apheresis", at(0, 7), at(0, 12)), item("manufacturing", at(2, 8), at(22, 8)),
            item("infusion", at(40, 9), at(40, 10))};
  }
};

const json::object* flag_of(const json::object& plan, const std::string& code) {
  for (const auto& f : plan.at("flags").as_array())
    if (f.at("code") == code.c_str()) return &f.as_object();
  return nullptr;
}

TEST_F(PlanApiTest, ACoordinatorPlansTheDatesAndSeesWhichLeadTimeIsBroken) {
  const World w = zurich_world("pl1", "K0001");
  const std::string coi = new_journey(w);
  auto reply = put_plan(w, coi, short_manufacturing());
  ASSERT_EQ(reply.status, 201) << reply.raw;
  const json::object& plan = reply.body.as_object();
  EXPECT_EQ(plan.at("version"), 1);
  EXPECT_EQ(plan.at("time_zone"), "Europe/Zurich");
  EXPECT_EQ(plan.at("items").as_array().size(), 3u);
  const json::object* flag = flag_of(plan, "LEAD_TIME_TOO_SHORT");
  ASSERT_NE(flag, nullptr) << reply.raw;
  EXPECT_EQ(flag->at("item"), "manufacturing");
  EXPECT_EQ(flag->at("rule"), "kymriah/manufacturing-turnaround");
  EXPECT_NE(str(flag->at("source")).find("US PI §17"), std::string::npos);
  EXPECT_EQ(plan.at("flags").as_array().size(), 1u) << reply.raw;
  // The site's rules do not set Kymriah's release-to-infusion lead time: shown as unchecked.
  EXPECT_NE(json::serialize(plan.at("unchecked")).find("kymriah/release-to-infusion"), std::string::npos);
  EXPECT_EQ(sql("SELECT details->>'version' FROM admin_log WHERE action = 'journey.plan' AND subject = $1", coi), "1");
}

TEST_F(PlanApiTest, AChangeNeedsAReasonAndKeepsTheVersionBeforeIt) {
  const World w = zurich_world("pl2", "K0002");
  const std::string coi = new_journey(w);
  ASSERT_EQ(put_plan(w, coi, short_manufacturing()).status, 201);
  json::array moved = short_manufacturing();
  moved[1] = item("manufacturing", at(2, 8), at(26, 8));
  auto refused = put_plan(w, coi, moved);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error_code(), "MISSING_FIELD");
  EXPECT_EQ(refused.error_field(), "reason");

  auto changed = put_plan(w, coi, moved, "manufacturer confirmed a later release");
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(changed.body.at("version"), 2);
  EXPECT_EQ(changed.body.at("reason"), "manufacturer confirmed a later release");
  EXPECT_TRUE(changed.body.at("flags").as_array().empty()) << changed.raw;  // 24 days now

  auto read = log_in(w.nurse).get("/api/v1/journeys/" + coi + "/plan");  // anyone at the site reads it
  ASSERT_EQ(read.status, 200) << read.raw;
  const auto& history = read.body.at("history").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_TRUE(history[0].at("reason").is_null());
  EXPECT_EQ(history[0].at("items").at(1).at("end"), at(22, 8).c_str());
  EXPECT_EQ(history[1].at("items").at(1).at("end"), at(26, 8).c_str());
  EXPECT_EQ(history[1].at("planned_by"), w.coordinator.c_str());
  // Never changed in place: the tables refuse it.
  EXPECT_ANY_THROW(sql("UPDATE plan_items SET starts_at = now() WHERE journey_id = " + journey_id(coi)));
}

TEST_F(PlanApiTest, AChangeBasedOnAnOlderVersionIsRefused) {
  const World w = zurich_world("pl3", "K0003");
  const std::string coi = new_journey(w);
  ASSERT_EQ(put_plan(w, coi, short_manufacturing()).status, 201);
  ASSERT_EQ(put_plan(w, coi, short_manufacturing(), "same dates, new confirmation").status, 200);
  auto stale = log_in(w.coordinator)
                   .put("/api/v1/journeys/" + coi + "/plan",
                        json::object{{"items", short_manufacturing()}, {"reason", "late edit"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.error_code(), "PLAN_CHANGED");
}

TEST_F(PlanApiTest, BadItemsAreRefusedNamingTheField) {
  const World w = zurich_world("pl4", "K0004");
  const std::string coi = new_journey(w);
  const struct {
    json::array items;
    const char* field;
  } cases[] = {
      {{item("dialysis", at(0, 8))}, "items[0].kind"},
      {{item("apheresis", "next tuesday")}, "items[0].start"},
      {{item("apheresis", at(0, 8), at(0, 7))}, "items[0].end"},
      {{item("infusion", at(9, 8)), item("infusion", at(10, 8))}, "items[1].kind"},
      {{json::object{{"kind", "infusion"}, {"start", at(9, 8)}, {"room", "3"}}}, "items[0].room"},
  };
  for (const auto& c : cases) {
    auto reply = put_plan(w, coi, c.items);
    EXPECT_EQ(reply.status, 400) << c.field << ": " << reply.raw;
    EXPECT_EQ(reply.error_field(), c.field) << reply.raw;
  }
  EXPECT_EQ(sql("SELECT count(*)::text FROM plan_versions WHERE journey_id = " + journey_id(coi)), "0");
}

TEST_F(PlanApiTest, OnlyTheCoordinatorsOfTheJourneysSitePlanIt) {
  const World w = zurich_world("pl5", "K0005");
  const World other = zurich_world("pl6", "K0006");
  const std::string coi = new_journey(w);
  EXPECT_EQ(log_in(w.nurse).put("/api/v1/journeys/" + coi + "/plan", json::object{{"items", json::array{}}}).status,
            403);
  auto stranger = put_plan(other, coi, short_manufacturing());
  EXPECT_EQ(stranger.status, 404);
  EXPECT_EQ(stranger.error_code(), "UNKNOWN_JOURNEY");
}

TEST_F(PlanApiTest, TwoApheresisSlotsOnADayWithOneChairConflict) {
  const World w = zurich_world("pl7", "K0007");
  auto capacity =
      log_in(w.coordinator)
          .put("/api/v1/sites/pl7/capacity",
               json::object{{"reason", "one chair staffed"},
                            {"changes", json::array{json::object{
                                            {"resource", "apheresis_chair"}, {"date", day(3)}, {"places", 1}}}}});
  ASSERT_EQ(capacity.status, 200) << capacity.raw;
  const std::string first = new_journey(w, "MRN00071");
  const std::string second = new_journey(w, "MRN00072");
  auto one = put_plan(w, first, {item("apheresis", at(3, 7), at(3, 11))});
  ASSERT_EQ(one.status, 201) << one.raw;
  EXPECT_TRUE(one.body.at("conflicts").as_array().empty());
  auto two = put_plan(w, second, {item("apheresis", at(3, 12), at(3, 15))});
  ASSERT_EQ(two.status, 201) << two.raw;
  const auto& conflicts = two.body.at("conflicts").as_array();
  ASSERT_EQ(conflicts.size(), 1u) << two.raw;
  EXPECT_EQ(conflicts[0].at("resource"), "apheresis_chair");
  EXPECT_EQ(conflicts[0].at("date"), day(3).c_str());
  EXPECT_EQ(conflicts[0].at("places"), 1);
  EXPECT_EQ(conflicts[0].at("booked"), 2);
  // The first journey's plan shows the same conflict now.
  auto again = log_in(w.coordinator).get("/api/v1/journeys/" + first + "/plan");
  EXPECT_EQ(again.body.at("conflicts").as_array().size(), 1u) << again.raw;
}

// The board's next planned date: the item due first whose step is not yet recorded, when its
// step is due (an apheresis by its end): one that passed is still the next, the plan slipped.
TEST_F(PlanApiTest, TheBoardCarriesTheNextPlannedDateItsStepIsDueBy) {
  const World w = zurich_world("pl8", "K0008");
  const std::string coi = new_journey(w);
  auto before = log_in(w.coordinator).get("/api/v1/board?coi=" + coi);
  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_TRUE(before.body.at("journeys").at(0).at("next_planned").is_null());
  ASSERT_EQ(put_plan(w, coi, short_manufacturing()).status, 201);
  auto after = log_in(w.coordinator).get("/api/v1/board?coi=" + coi);
  const auto& next = after.body.at("journeys").at(0).at("next_planned");
  ASSERT_TRUE(next.is_object()) << after.raw;
  EXPECT_EQ(next.at("kind"), "apheresis");
  EXPECT_EQ(next.at("step"), "apheresis.collect");
  EXPECT_EQ(next.at("at"), at(0, 12).c_str());  // its end
  EXPECT_EQ(after.body.at("journeys").at(0).at("clocks").as_array().size(), 0u);
}

TEST_F(PlanApiTest, WithoutClocksTheSoonerPlannedJourneyComesFirstOnTheBoard) {
  const World w = zurich_world("pl9", "K0009");
  const std::string later = new_journey(w, "MRNPL901"), sooner = new_journey(w, "MRNPL902"),
                    unplanned = new_journey(w, "MRNPL903");
  ASSERT_EQ(put_plan(w, later, json::array{item("infusion", at(30, 9))}).status, 201);
  ASSERT_EQ(put_plan(w, sooner, json::array{item("infusion", at(20, 9))}).status, 201);
  auto board = log_in(w.coordinator).get("/api/v1/board?site=pl9");
  ASSERT_EQ(board.status, 200) << board.raw;
  std::vector<std::string> order;
  for (const auto& j : board.body.at("journeys").as_array()) order.push_back(str(j.at("coi")));
  EXPECT_EQ(order, (std::vector<std::string>{sooner, later, unplanned}));
  // The second page's cursor follows the same order.
  auto first = log_in(w.coordinator).get("/api/v1/board?site=pl9&limit=1");
  auto second = log_in(w.coordinator).get("/api/v1/board?site=pl9&limit=1&after=" + str(first.body.at("next_cursor")));
  ASSERT_EQ(second.status, 200) << second.raw;
  EXPECT_EQ(second.body.at("journeys").at(0).at("coi"), later.c_str());
}

TEST_F(PlanApiTest, AChangedPlanIsPushedToTheOpenBoardsWithItsNextPlannedDate) {
  const World w = zurich_world("pl10", "K0010");
  const std::string coi = new_journey(w);
  ASSERT_TRUE(wait_until_listening(port()));
  WsClient ws(port(),
              "/api/v1/feed?token=" + log_in(w.coordinator).authorization().substr(std::string("Bearer ").size()));
  ASSERT_TRUE(ws.next_containing("hello"));
  ASSERT_EQ(put_plan(w, coi, json::array{item("infusion", at(25, 9))}).status, 201);
  std::optional<std::string> message;
  while ((message = ws.next_containing("\"type\":\"board\"")) &&
         message->find("next_planned\":{") == std::string::npos) {
  }
  ASSERT_TRUE(message);
  const json::value notice = json::parse(*message);
  EXPECT_EQ(notice.at("journey"), coi.c_str());
  EXPECT_EQ(notice.at("row").at("next_planned").at("at"), at(25, 9).c_str());
  EXPECT_EQ(notice.at("row").at("next_planned").at("kind"), "infusion");
}

}  // namespace
}  // namespace cj::testing
