// POST /api/v1/scans: what a station scanned goes through the product's rules and is recorded,
// accepted or refused; a wrong-patient bag is refused every time, and the refusal is recorded.
#include <chrono>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/http_client.h"
#include "tests/support/journey_world.h"
#include "tests/support/server_process.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

bool has_code(const json::value& decision, const char* list, const std::string& code) {
  for (const auto& finding : decision.at(list).as_array()) {
    if (finding.at("code") == code.c_str()) return true;
  }
  return false;
}

class ScanTest : public JourneySuite {};

TEST_F(ScanTest, ACorrectCollectionScanIsAcceptedAndStored) {
  const World w = seed_world("s1", "S0001");
  const std::string coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926100001");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "s1-order")).status, 200);

  auto reply = station_of(w).post("/api/v1/scans", collect_event(w, coi, "A999926100001", "s1-collect"));

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("decision"), "accepted");
  EXPECT_TRUE(reply.body.at("refusals").as_array().empty()) << reply.raw;
  EXPECT_EQ(sql("SELECT step FROM events WHERE id = $1", json::serialize(reply.body.at("event_id"))),
            "apheresis.collect");
  EXPECT_EQ(recorded(coi), "2/0");
}

TEST_F(ScanTest, ABagOfAnotherPatientIsRefusedWith422AndTheRefusalIsRecorded) {
  const World w = seed_world("s2", "S0002");
  const std::string mine = new_journey(w, "MRN12345");
  const std::string theirs = new_journey(w, "MRN99999");
  add_apheresis_bag(w, mine, "A999926200001");
  add_apheresis_bag(w, theirs, "A999926200002");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, mine, "s2-order")).status, 200);

  auto reply = station_of(w).post("/api/v1/scans", collect_event(w, mine, "A999926200002", "s2-wrong-bag"));

  ASSERT_EQ(reply.status, 422) << reply.raw;
  EXPECT_EQ(reply.text("decision"), "refused");
  EXPECT_TRUE(has_code(reply.body, "refusals", "UNIT_NOT_IN_JOURNEY")) << reply.raw;
  EXPECT_EQ(recorded(mine), "1/1");
  auto journey = log_in(w.coordinator).get("/api/v1/journeys/" + mine);
  ASSERT_EQ(journey.status, 200) << journey.raw;
  const auto& events = journey.body.at("events").as_array();
  ASSERT_EQ(events.size(), 2u) << journey.raw;
  EXPECT_EQ(events[1].at("decision").at("decision"), "refused");
  EXPECT_EQ(events[1].at("decision").at("event_id"), reply.body.at("event_id"));
}

TEST_F(ScanTest, ALabelCarryingAnotherJourneysCoiIsRefusedWithCoiMismatchAndRecorded) {
  const World w = seed_world("s3", "S0003");
  const std::string mine = new_journey(w, "MRN12345");
  const std::string theirs = new_journey(w, "MRN77777");
  add_apheresis_bag(w, mine, "A999926300001");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, mine, "s3-order")).status, 200);
  ASSERT_EQ(station_of(w).post("/api/v1/scans", collect_event(w, mine, "A999926300001", "s3-collect")).status, 200);
  json::object label{{"journey", mine},
                     {"step", "apheresis.label"},
                     {"occurred_at", "2026-10-05T12:10:00Z"},
                     {"station", w.station},
                     {"operators", json::array{w.nurse}},
                     {"scans", json::array{"=A99992630000100", "&/" + theirs}},
                     {"data", json::object{}},
                     {"idempotency_key", "s3-label"}};

  auto reply = station_of(w).post("/api/v1/scans", label);

  ASSERT_EQ(reply.status, 422) << reply.raw;
  EXPECT_TRUE(has_code(reply.body, "refusals", "COI_MISMATCH")) << reply.raw;
  EXPECT_EQ(recorded(mine), "2/1");
}

TEST_F(ScanTest, AStationMayNotPostForAJourneyOfAnotherSite) {
  const World here = seed_world("s8a", "S0081");
  const World there = seed_world("s8b", "S0082");
  const std::string coi = new_journey(there);
  auto body = order_event(here, coi, "s8-order");

  auto reply = station_of(here).post("/api/v1/scans", body);

  EXPECT_EQ(reply.status, 403) << reply.raw;
  EXPECT_EQ(reply.error_code(), "OTHER_SITE");
  EXPECT_EQ(recorded(coi), "0/0");
}

TEST_F(ScanTest, AStationMayOnlyPostAsItself) {
  const World w = seed_world("s9", "S0009");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "s9-order");
  body["station"] = "AP-elsewhere";

  auto reply = station_of(w).post("/api/v1/scans", body);

  EXPECT_EQ(reply.status, 403) << reply.raw;
  EXPECT_EQ(reply.error_code(), "STATION_MISMATCH");
}

TEST_F(ScanTest, ABodyThatIsNotJsonIsRefusedWith400) {
  const World w = seed_world("s10", "S0010");

  auto reply = station_of(w).send("POST", "/api/v1/scans", "{\"journey\": ");

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "BAD_JSON");
}

TEST_F(ScanTest, AnUnknownFieldIsRefusedWith400NamingIt) {
  const World w = seed_world("s11", "S0011");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "s11-order");
  body["parsed_din"] = "A999926100001";

  auto reply = station_of(w).post("/api/v1/scans", body);

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_FIELD");
  EXPECT_EQ(reply.error_field(), "parsed_din");
}

TEST_F(ScanTest, AScanForAJourneyThatDoesNotExistIs404AndRecordsNothing) {
  const World w = seed_world("s13", "S0013");
  const std::string events_before = sql("SELECT count(*)::text FROM events");

  auto reply = station_of(w).post("/api/v1/scans", order_event(w, "CHS001326999999", "s13-order"));

  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_JOURNEY");
  EXPECT_EQ(sql("SELECT count(*)::text FROM events"), events_before);
  EXPECT_EQ(sql("SELECT count(*)::text FROM idempotency WHERE key = $1", "s13-order"), "0");
}

TEST_F(ScanTest, AnOperatorWhoIsNoUserIsRefusedWithRoleMissingAndRecorded) {
  const World w = seed_world("s14", "S0014");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "s14-order");
  body["operators"] = json::array{"nobody.s14"};

  auto reply = station_of(w).post("/api/v1/scans", body);

  ASSERT_EQ(reply.status, 422) << reply.raw;
  EXPECT_TRUE(has_code(reply.body, "refusals", "ROLE_MISSING")) << reply.raw;
  EXPECT_EQ(recorded(coi), "0/1");
}

TEST_F(ScanTest, ARoleHeldAtAnotherSiteDoesNotCount) {
  const World w = seed_world("s15", "S0015");
  add_site("s15-other", "S0151");
  add_user("carl.s15", {"coordinator@s15-other", "qa@s15"});
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "s15-order");
  body["operators"] = json::array{"carl.s15"};

  auto reply = station_of(w).post("/api/v1/scans", body);

  ASSERT_EQ(reply.status, 422) << reply.raw;
  EXPECT_TRUE(has_code(reply.body, "refusals", "ROLE_MISSING")) << reply.raw;
}

bool wait_until_listening(unsigned short port) {
  for (int i = 0; i < 100; ++i) {
    auto reply = http_get(port, "/healthz");
    if (reply.status == 200 && reply.body.find("\"listening\":true") != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST_F(ScanTest, AScanReachesAFeedSubscriberOfItsSiteWithinOneSecond) {
  const World w = seed_world("s16", "S0016");
  const std::string coi = new_journey(w);
  ASSERT_TRUE(wait_until_listening(port()));
  const std::string token = log_in(w.coordinator).authorization().substr(std::string("Bearer ").size());
  WsClient ws(port(), "/api/v1/feed?token=" + token);
  ASSERT_TRUE(ws.connected()) << ws.error();
  ASSERT_TRUE(ws.next_containing("hello"));

  const auto sent = std::chrono::steady_clock::now();
  auto reply = station_of(w).post("/api/v1/scans", order_event(w, coi, "s16-order"));
  ASSERT_EQ(reply.status, 200) << reply.raw;
  auto message = ws.next_containing("\"event_id\"", std::chrono::milliseconds(1000));

  ASSERT_TRUE(message) << "no event on the feed within 1 s";
  EXPECT_LT(std::chrono::steady_clock::now() - sent, std::chrono::seconds(1));
  const auto event = json::parse(*message);
  EXPECT_EQ(event.at("journey"), coi.c_str());
  EXPECT_EQ(event.at("step"), "order");
  EXPECT_EQ(event.at("decision"), "accepted");
  EXPECT_EQ(event.at("event_id"), reply.body.at("event_id"));
}

TEST_F(ScanTest, TheAuditTrailVerifiesAfterAcceptedAndRefusedScans) {
  const World w = seed_world("s17", "S0017");
  const std::string coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926170001");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "s17-order")).status, 200);
  ASSERT_EQ(station_of(w).post("/api/v1/scans", collect_event(w, coi, "A999926179999", "s17-wrong")).status, 422);
  ASSERT_EQ(station_of(w).post("/api/v1/scans", collect_event(w, coi, "A999926170001", "s17-right")).status, 200);

  const auto verify = run_celljourney({"audit", "verify", "--database", uri()});

  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("every chain is intact"), std::string::npos) << verify.output;
}

TEST_F(ScanTest, AUserAtTheDeskRecordsAStepWithoutAKey) {
  const World w = seed_world("s18", "S0018");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "unused");
  body.erase("idempotency_key");
  body.erase("journey");
  body.erase("station");

  auto reply = log_in(w.coordinator).post("/api/v1/journeys/" + coi + "/events", body);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("decision"), "accepted");
  EXPECT_EQ(recorded(coi), "1/0");
  EXPECT_EQ(
      sql("SELECT coalesce(station, 'none') FROM events WHERE id = $1", json::serialize(reply.body.at("event_id"))),
      "none");
}

TEST_F(ScanTest, AUserMayOnlyRecordAStepTheyTakePartIn) {
  const World w = seed_world("s19", "S0019");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "s19-order");
  body.erase("station");

  auto reply = log_in(w.nurse).post("/api/v1/scans", body);  // names the coordinator only

  EXPECT_EQ(reply.status, 403) << reply.raw;
  EXPECT_EQ(reply.error_code(), "NOT_AN_OPERATOR");
  EXPECT_EQ(recorded(coi), "0/0");
}

TEST_F(ScanTest, AUserOfAnotherSiteGets404ForTheJourney) {
  const World w = seed_world("s20", "S0020");
  const World elsewhere = seed_world("s20b", "S0201");
  const std::string coi = new_journey(w);
  auto body = order_event(elsewhere, coi, "s20-order");
  body.erase("station");

  auto reply = log_in(elsewhere.coordinator).post("/api/v1/scans", body);

  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_JOURNEY");
  EXPECT_EQ(recorded(coi), "0/0");
}

// A browser sends new Date().toISOString(): milliseconds and Z. The event is accepted and its
// time kept to the second (the fraction dropped).
TEST_F(ScanTest, AnOccurredAtWithMillisecondsIsAcceptedAndRecordedToTheSecond) {
  const World w = seed_world("s21", "S0021");
  const std::string coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926100021");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "s21-order")).status, 200);
  auto body = collect_event(w, coi, "A999926100021", "s21-collect");
  body["occurred_at"] = "2026-10-05T12:00:00.123Z";

  auto reply = station_of(w).post("/api/v1/scans", body);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("decision"), "accepted") << reply.raw;
  EXPECT_EQ(
      sql("SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM events WHERE id = $1",
          json::serialize(reply.body.at("event_id"))),
      "2026-10-05T12:00:00.000000");
}

TEST_F(ScanTest, ADeskEventWithMillisecondsAndAnOffsetIsRecordedInUtc) {
  const World w = seed_world("s22", "S0022");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "unused");
  body.erase("idempotency_key");
  body.erase("journey");
  body.erase("station");
  body["occurred_at"] = "2026-10-01T11:00:00.456+02:00";

  auto reply = log_in(w.coordinator).post("/api/v1/journeys/" + coi + "/events", body);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("decision"), "accepted") << reply.raw;
  EXPECT_EQ(
      sql("SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM events WHERE id = $1",
          json::serialize(reply.body.at("event_id"))),
      "2026-10-01T09:00:00.000000");
}

TEST_F(ScanTest, AMalformedOccurredAtIsRefusedWith400NamingTheFieldAndRecordsNothing) {
  const World w = seed_world("s23", "S0023");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "s23-order");
  body["occurred_at"] = "2026-10-01T09:00:00.Z";  // a fraction without digits

  auto reply = station_of(w).post("/api/v1/scans", body);

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "INVALID_FIELD") << reply.raw;
  EXPECT_NE(reply.raw.find("occurred_at"), std::string::npos) << reply.raw;
  EXPECT_EQ(recorded(coi), "0/0");
}

TEST_F(ScanTest, DataHoldingANulCharacterIsRefusedWith400AndRecordsNothing) {
  const World w = seed_world("s24", "S0024");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "s24-order");
  // Sent as "PO\u0000-1": jsonb cannot store a NUL, and a record is stored as received or not at all.
  body["data"] = boost::json::object{{"order_reference", std::string("PO\0-1", 5)}};

  auto reply = station_of(w).post("/api/v1/scans", body);

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_field(), "data") << reply.raw;
  EXPECT_EQ(recorded(coi), "0/0");
}

}  // namespace
}  // namespace cj::testing
