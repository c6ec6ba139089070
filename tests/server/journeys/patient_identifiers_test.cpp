// Who sees a patient's MRN and date of birth (server/api/patient_view.h): the people holding a
// clinical role at the patient's site; QA, administrators and station keys see the initials
// only, in every answer (journeys, the board, the live feed). And a station key cannot list the
// site's patients: it looks up the one journey it scans by COI.
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/server/board/board_world.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class PatientIdentifiersTest : public BoardSuite {
 protected:
  struct Site {
    World world;
    std::string qa;
    std::string admin;
  };

  static Site seed_site(const std::string& tag, const std::string& fin) {
    Site s{seed_world(tag, fin), "quinn." + tag, "adam." + tag};
    add_user(s.qa, {"qa@" + tag});
    add_user(s.admin, {"admin@" + tag});
    return s;
  }

  /// A journey for MRN mrn born 1961-04-30, created by the site's coordinator; its COI.
  static std::string journey_born_1961(const World& w, const std::string& mrn) {
    auto reply =
        log_in(w.coordinator)
            .post("/api/v1/journeys",
                  json::object{
                      {"site", w.site},
                      {"product", "kymriah"},
                      {"patient", json::object{{"mrn", mrn}, {"initials", "JD"}, {"date_of_birth", "1961-04-30"}}}});
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.text("coi");
  }

  static const json::value& patient_of(const ApiReply& reply) { return reply.body.at("patient"); }

  /// The journey's entry in GET /api/v1/journeys as client sees it.
  static json::object listed(const ApiClient& client, const std::string& coi) {
    auto reply = client.get("/api/v1/journeys");
    EXPECT_EQ(reply.status, 200) << reply.raw;
    if (reply.status != 200) return {};
    for (const auto& item : reply.body.at("journeys").as_array()) {
      if (item.at("coi") == coi.c_str()) return item.as_object();
    }
    ADD_FAILURE() << coi << " not listed: " << reply.raw;
    return {};
  }
};

TEST_F(PatientIdentifiersTest, ACoordinatorSeesTheMrnAndDateOfBirthOfTheJourney) {
  const Site s = seed_site("pi1", "K0001");
  const std::string coi = journey_born_1961(s.world, "MRN71001");

  auto view = log_in(s.world.coordinator).get("/api/v1/journeys/" + coi);

  ASSERT_EQ(view.status, 200) << view.raw;
  EXPECT_EQ(patient_of(view).at("mrn"), "MRN71001");
  EXPECT_EQ(patient_of(view).at("date_of_birth"), "1961-04-30");
  EXPECT_EQ(listed(log_in(s.world.coordinator), coi).at("patient").at("mrn"), "MRN71001");
}

TEST_F(PatientIdentifiersTest, QaAdminsAndStationsSeeTheInitialsOnlyInEveryJourneyAnswer) {
  const Site s = seed_site("pi2", "K0002");
  const std::string coi = journey_born_1961(s.world, "MRN72001");

  for (const auto& client : {log_in(s.qa), log_in(s.admin), station_of(s.world)}) {
    auto view = client.get("/api/v1/journeys/" + coi);
    ASSERT_EQ(view.status, 200) << view.raw;
    EXPECT_EQ(patient_of(view).at("initials"), "JD");
    EXPECT_TRUE(patient_of(view).at("mrn").is_null()) << view.raw;
    EXPECT_TRUE(patient_of(view).at("date_of_birth").is_null()) << view.raw;
    EXPECT_EQ(view.raw.find("MRN72001"), std::string::npos) << view.raw;
    EXPECT_EQ(view.raw.find("1961-04-30"), std::string::npos) << view.raw;
  }
  for (const auto& client : {log_in(s.qa), log_in(s.admin)}) {
    const auto item = listed(client, coi);
    ASSERT_FALSE(item.empty());
    EXPECT_TRUE(item.at("patient").at("mrn").is_null());
    EXPECT_TRUE(item.at("patient").at("date_of_birth").is_null());
  }
}

TEST_F(PatientIdentifiersTest, TheWristbandScanOfAnEventIsHiddenFromQa) {
  const Site s = seed_site("pi3", "K0003");
  const std::string coi = kymriah_journey_until(s.world, 4, "apheresis.ship", "MRN73001");

  auto coordinator = log_in(s.world.coordinator).get("/api/v1/journeys/" + coi);
  auto qa = log_in(s.qa).get("/api/v1/journeys/" + coi);

  ASSERT_EQ(coordinator.status, 200) << coordinator.raw;
  ASSERT_EQ(qa.status, 200) << qa.raw;
  EXPECT_NE(coordinator.raw.find("&#0008MRN73001"), std::string::npos) << coordinator.raw;  // the collection's
  EXPECT_EQ(qa.raw.find("MRN73001"), std::string::npos) << qa.raw;
  EXPECT_NE(qa.raw.find("(patient identification, hidden)"), std::string::npos) << qa.raw;
}

TEST_F(PatientIdentifiersTest, TheBoardShowsTheMrnToACoordinatorAndTheInitialsToQaAndAdmins) {
  const Site s = seed_site("pi4", "K0004");
  const std::string coi = journey_born_1961(s.world, "MRN74001");

  EXPECT_EQ(board(log_in(s.world.coordinator)).at(coi).at("patient").at("mrn"), "MRN74001");
  EXPECT_EQ(board(log_in(s.world.coordinator)).at(coi).at("patient").at("date_of_birth"), "1961-04-30");
  for (const auto& client : {log_in(s.qa), log_in(s.admin)}) {
    const auto row = board(client).at(coi);
    EXPECT_EQ(row.at("patient").at("initials"), "JD");
    EXPECT_TRUE(row.at("patient").at("mrn").is_null());
    EXPECT_TRUE(row.at("patient").at("date_of_birth").is_null());
  }
}

TEST_F(PatientIdentifiersTest, AQaUsersLiveBoardGetsNoMrn) {
  const Site s = seed_site("pi5", "K0005");
  const std::string coi = journey_born_1961(s.world, "MRN75001");
  ASSERT_TRUE(wait_until_listening(port()));
  WsClient ws(port(), "/api/v1/feed?token=" + log_in(s.qa).authorization().substr(std::string("Bearer ").size()));
  ASSERT_TRUE(ws.next_containing("hello"));

  ASSERT_EQ(station_of(s.world).post("/api/v1/scans", order_event(s.world, coi, "pi5-order")).status, 200);

  const auto notice = ws.next_containing("\"type\":\"board\"");
  ASSERT_TRUE(notice);
  EXPECT_NE(notice->find(coi), std::string::npos) << *notice;
  EXPECT_EQ(notice->find("MRN75001"), std::string::npos) << *notice;
  // What the page fetches for a row it has not shown yet (board.js): the initials only.
  const auto fetched = board(log_in(s.qa), "coi=" + coi);
  ASSERT_EQ(fetched.count(coi), 1u);
  EXPECT_TRUE(fetched.at(coi).at("patient").at("mrn").is_null());
}

TEST_F(PatientIdentifiersTest, AStationKeyCannotListTheSitesPatients) {
  const Site s = seed_site("pi6", "K0006");
  const std::string coi = journey_born_1961(s.world, "MRN76001");
  const auto station = station_of(s.world);

  EXPECT_EQ(station.get("/api/v1/journeys").status, 403);
  EXPECT_EQ(station.get("/api/v1/journeys?site=pi6").status, 403);
  EXPECT_EQ(station.get("/api/v1/board").status, 403);
  EXPECT_EQ(station.get("/api/v1/board?coi=" + coi).status, 403);
  // The one journey it scans, by its COI, it may still read (initials only).
  auto view = station.get("/api/v1/journeys/" + coi);
  ASSERT_EQ(view.status, 200) << view.raw;
  EXPECT_TRUE(patient_of(view).at("mrn").is_null());
}

}  // namespace
}  // namespace cj::testing
