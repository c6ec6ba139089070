// GET /api/v1/board: the active and on-hold journeys of the caller's sites, most urgent first
// (overdue, then open critical or major deviations, then the soonest due, then the newest), filtered by site, product,
// stage, overdue or COI, a page at a time by cursor; the MRN only for the people who care for the patient; and every
// change pushed to the live feed as a "board" notice carrying the row.
#include <set>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/server/board/board_world.h"
#include "tests/support/http_client.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class BoardApiTest : public BoardSuite {
 protected:
  /// The COIs of one page, in the order answered.
  static std::vector<std::string> cois_of(const ApiReply& reply) {
    std::vector<std::string> cois;
    for (const auto& row : reply.body.at("journeys").as_array())
      cois.push_back(json::value_to<std::string>(row.at("coi")));
    return cois;
  }
};

TEST_F(BoardApiTest, OverdueJourneysComeFirstThenTheSoonestDueThenTheNewest) {
  const World w = seed_world("ba-order", "J0201");
  const std::string older = new_journey(w, "MRN10001");
  const std::string late = kymriah_journey_until(w, 2, "infusion.end", "MRN10002");
  const std::string newer = new_journey(w, "MRN10003");

  auto reply = log_in(w.coordinator).get("/api/v1/board");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(cois_of(reply), (std::vector<std::string>{late, newer, older}));
  EXPECT_EQ(reply.body.at("total"), 3);
  EXPECT_TRUE(reply.body.at("next_cursor").is_null());
  EXPECT_EQ(reply.body.at("journeys").at(0).at("overdue"), true);
  EXPECT_EQ(reply.body.at("journeys").at(1).at("overdue"), false);
  EXPECT_EQ(reply.body.at("now").as_string().size(), 20u) << reply.raw;  // "2026-11-25T10:00:00Z"
}

TEST_F(BoardApiTest, AnOpenMajorDeviationComesAfterTheOverdueAndBeforeTheSoonestDue) {
  const World w = seed_world("ba-severe", "J0204");
  const std::string deviated = new_journey(w, "MRN10011");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, deviated, "ba-severe-order")).status, 200);
  // manufacturing.receive straight after the order: kept, with an OUT_OF_ORDER (major) deviation.
  ASSERT_EQ(desk_event(deviated, "manufacturing.receive", json::array{w.coordinator},
                       json::object{{"logger_readings_c", json::array{4.0}}})
                .status,
            200);
  const std::string late = kymriah_journey_until(w, 2, "infusion.end", "MRN10012");
  const std::string due_tomorrow = new_journey(w, "MRN10013");
  const std::string open_ended = new_journey(w, "MRN10014");
  // Due times that only the tier separates: the deviated one has none, the other is due tomorrow.
  sql("UPDATE board_rows SET due_by = NULL WHERE journey_id = (SELECT id FROM journeys WHERE coi = $1)", deviated);
  sql("UPDATE board_rows SET due_by = now() + interval '1 day' WHERE journey_id = "
      "(SELECT id FROM journeys WHERE coi = $1)",
      due_tomorrow);
  sql("UPDATE board_rows SET due_by = NULL WHERE journey_id = (SELECT id FROM journeys WHERE coi = $1)", open_ended);

  auto cora = log_in(w.coordinator);
  auto reply = cora.get("/api/v1/board");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(cois_of(reply), (std::vector<std::string>{late, deviated, due_tomorrow, open_ended}));
  EXPECT_EQ(reply.body.at("journeys").at(1).at("deviations_severe"), 1);
  // Paging keeps that order: one row a page.
  std::vector<std::string> paged;
  std::string after;
  for (int page = 0; page < 6; ++page) {
    auto one = cora.get("/api/v1/board?limit=1" + (after.empty() ? "" : "&after=" + after));
    ASSERT_EQ(one.status, 200) << one.raw;
    for (const auto& coi : cois_of(one)) paged.push_back(coi);
    if (one.body.at("next_cursor").is_null()) break;
    after = json::value_to<std::string>(one.body.at("next_cursor"));
  }
  EXPECT_EQ(paged, cois_of(reply));
}

TEST_F(BoardApiTest, FiltersNarrowByProductStageOverdueAndCoi) {
  const World w = seed_world("ba-filter", "J0202");
  const std::string waiting = new_journey(w, "MRN20001");
  const std::string late = kymriah_journey_until(w, 3, "infusion.end", "MRN20002");
  auto cora = log_in(w.coordinator);

  EXPECT_EQ(board(cora, "stage=infusion.start").size(), 1u);
  EXPECT_EQ(board(cora, "stage=infusion.start").count(late), 1u);
  EXPECT_EQ(board(cora, "stage=order").size(), 0u);  // the waiting one has reached no step yet
  EXPECT_EQ(board(cora, "overdue=true").count(late), 1u);
  EXPECT_EQ(board(cora, "overdue=true").count(waiting), 0u);
  EXPECT_EQ(board(cora, "overdue=false").count(waiting), 1u);
  EXPECT_EQ(board(cora, "product=kymriah").size(), 2u);
  EXPECT_EQ(board(cora, "product=yescarta").size(), 0u);
  EXPECT_EQ(board(cora, "coi=" + waiting).size(), 1u);
  auto counted = cora.get("/api/v1/board?overdue=true");
  EXPECT_EQ(counted.body.at("total"), 1) << counted.raw;
}

TEST_F(BoardApiTest, PagesFollowTheCursorAndShowEachJourneyOnceInTheBoardsOrder) {
  const World w = seed_world("ba-pages", "J0203");
  for (int i = 0; i < 5; ++i) new_journey(w, "MRN3000" + std::to_string(i));
  auto cora = log_in(w.coordinator);
  const auto whole = cois_of(cora.get("/api/v1/board?limit=500"));
  ASSERT_EQ(whole.size(), 5u);

  std::vector<std::string> paged;
  std::string after;
  int pages = 0;
  for (; pages < 10; ++pages) {
    auto reply = cora.get("/api/v1/board?limit=2" + (after.empty() ? "" : "&after=" + after));
    ASSERT_EQ(reply.status, 200) << reply.raw;
    EXPECT_EQ(reply.body.at("total"), 5);
    for (const auto& coi : cois_of(reply)) paged.push_back(coi);
    if (reply.body.at("next_cursor").is_null()) break;
    after = json::value_to<std::string>(reply.body.at("next_cursor"));
  }

  EXPECT_EQ(pages + 1, 3);
  EXPECT_EQ(paged, whole);
}

TEST_F(BoardApiTest, ACallerSeesOnlyTheirSitesAndAStationNone) {
  const World north = seed_world("ba-north", "J0204");
  const World south = seed_world("ba-south", "J0205");
  const std::string n1 = new_journey(north, "MRN40001");
  const std::string s1 = new_journey(south, "MRN40002");
  add_user("cora.both", {"coordinator@ba-north", "coordinator@ba-south"});

  const auto northern = board(log_in(north.coordinator));
  const auto both = board(log_in("cora.both"));
  const auto only_south = board(log_in("cora.both"), "site=ba-south");

  EXPECT_EQ(northern.count(n1), 1u);
  EXPECT_EQ(northern.count(s1), 0u);
  EXPECT_EQ(station_of(south).get("/api/v1/board").status, 403);  // a station lists no patients
  EXPECT_EQ(both.count(n1) + both.count(s1), 2u);
  EXPECT_EQ(only_south.count(s1), 1u);
  EXPECT_EQ(only_south.count(n1), 0u);
  EXPECT_EQ(board(log_in(north.coordinator), "site=ba-south").size(), 0u);  // not theirs: nothing
}

TEST_F(BoardApiTest, TheMrnIsShownToThoseCaringForThePatientAndHiddenFromQaAndAdmins) {
  const World w = seed_world("ba-mrn", "J0206");
  add_user("qa.ba-mrn", {"qa@ba-mrn"});
  add_user("adam.ba-mrn", {"admin@ba-mrn"});
  const std::string coi = new_journey(w, "MRN50001");

  const auto coordinator_row = board(log_in(w.coordinator)).at(coi);
  const auto qa_row = board(log_in("qa.ba-mrn")).at(coi);
  const auto admin_row = board(log_in("adam.ba-mrn")).at(coi);

  EXPECT_EQ(coordinator_row.at("patient").at("mrn"), "MRN50001");
  EXPECT_EQ(coordinator_row.at("patient").at("initials"), "JD");
  for (const auto& row : {qa_row, admin_row}) {
    EXPECT_TRUE(row.at("patient").at("mrn").is_null());
    EXPECT_TRUE(row.at("patient").at("date_of_birth").is_null());
    EXPECT_EQ(row.at("patient").at("initials"), "JD");
  }
}

TEST_F(BoardApiTest, AMalformedParameterIsRefusedNamingIt) {
  const World w = seed_world("ba-bad", "J0207");
  auto cora = log_in(w.coordinator);
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{{"stage=thawing", "stage"},
                                                                                     {"overdue=maybe", "overdue"},
                                                                                     {"limit=0", "limit"},
                                                                                     {"limit=501", "limit"},
                                                                                     {"after=1,2", "after"}}) {
    auto reply = cora.get("/api/v1/board?" + query);
    EXPECT_EQ(reply.status, 400) << query << " " << reply.raw;
    EXPECT_EQ(reply.error_field(), field) << query;
  }
  EXPECT_EQ(anonymous().get("/api/v1/board").status, 401);
}

TEST_F(BoardApiTest, EveryChangeIsPushedToTheFeedAsABoardNoticeWithTheRowAndNoMrn) {
  const World w = seed_world("ba-feed", "J0208");
  const std::string coi = new_journey(w, "MRN60001");
  ASSERT_TRUE(wait_until_listening(port()));
  WsClient ws(port(),
              "/api/v1/feed?token=" + log_in(w.coordinator).authorization().substr(std::string("Bearer ").size()));
  ASSERT_TRUE(ws.next_containing("hello"));

  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "ba-feed-order")).status, 200);

  // The journey's creation may have sent a board notice of its own that arrives after hello:
  // the order's notice is the one that carries the order's event.
  const std::string order_event_id = "\"last_event_id\":" + newest_event_id(coi);
  std::optional<std::string> message;
  while ((message = ws.next_containing("\"type\":\"board\"")) && message->find(order_event_id) == std::string::npos) {
  }
  ASSERT_TRUE(message);
  const json::value notice = json::parse(*message);
  EXPECT_EQ(json::value_to<std::string>(notice.at("journey")), coi);
  EXPECT_EQ(notice.at("row").at("stage").at("step"), "order");
  EXPECT_EQ(notice.at("row").at("last_event_id").as_int64(), std::stoll(newest_event_id(coi)));
  EXPECT_EQ(message->find("MRN60001"), std::string::npos) << *message;
}

}  // namespace
}  // namespace cj::testing
