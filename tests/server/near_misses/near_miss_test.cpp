// Near misses (docs/deviations.md "Near misses"): a refused scan that names ANOTHER patient's
// COI, wristband or bag stays a recorded refusal and is also QA's to see, review and count,
// written with the refused event or not at all. Through a real `celljourney serve`.
#include <regex>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/http_client.h"
#include "tests/support/journey_world.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

bool has_code(const json::value& decision, const std::string& code) {
  for (const auto& finding : decision.at("refusals").as_array()) {
    if (finding.at("code") == code.c_str()) return true;
  }
  return false;
}

std::string str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }

class NearMissTest : public JourneySuite {
 protected:
  /// A site with its QA ("qa.TAG") and two journeys, each with its apheresis bag (DINs
  /// din_base + "1" and + "2"), the first one's order recorded; then the first one's
  /// collection scanned with the second one's bag: refused, a near miss.
  struct WrongBag {
    World w;
    std::string qa;
    std::string mine, theirs;  // COIs
    std::string my_din, their_din;
    json::object collect;  // the refused request, to replay
    ApiReply reply;        // its answer
  };

  static WrongBag wrong_bag_at_collection(const std::string& tag, const std::string& fin, const std::string& din_base) {
    WrongBag s{seed_world(tag, fin), "qa." + tag, "", "", din_base + "1", din_base + "2", {}, {}};
    add_user(s.qa, {"qa@" + tag});
    s.mine = new_journey(s.w, "MRN12345");
    s.theirs = new_journey(s.w, "MRN77777");
    add_apheresis_bag(s.w, s.mine, s.my_din);
    add_apheresis_bag(s.w, s.theirs, s.their_din);
    EXPECT_EQ(station_of(s.w).post("/api/v1/scans", order_event(s.w, s.mine, tag + "-order")).status, 200);
    s.collect = collect_event(s.w, s.mine, s.their_din, tag + "-wrong-bag");
    s.reply = station_of(s.w).post("/api/v1/scans", s.collect);
    EXPECT_EQ(s.reply.status, 422) << s.reply.raw;
    return s;
  }

  /// The bedside two-person check of journey coi (Kymriah scenario's time) with these scans.
  static json::object bedside_check(const World& w, const std::string& coi, json::array scans, const std::string& key) {
    return {{"journey", coi},
            {"step", "infusion.verify"},
            {"occurred_at", "2026-11-20T09:40:00Z"},
            {"station", w.station},
            {"operators", json::array{"nina." + w.site, "paul." + w.site}},
            {"scans", std::move(scans)},
            {"data", json::object{{"tocilizumab_doses_on_site", 2}}},
            {"idempotency_key", key}};
  }

  /// GET /api/v1/near-misses?query as username: the list (fails the test on another status).
  static json::array near_misses(const std::string& username, const std::string& query = {}) {
    auto reply = log_in(username).get("/api/v1/near-misses" + query);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    if (reply.status != 200) return {};
    return reply.body.at("near_misses").as_array();
  }

  static std::string count_for(const std::string& coi) {
    return sql("SELECT count(*)::text FROM near_misses n JOIN journeys j ON j.id = n.journey_id WHERE j.coi = $1", coi);
  }

  static std::string review_path(const json::value& near_miss) {
    return "/api/v1/near-misses/" + json::serialize(near_miss.at("id")) + "/review";
  }
};

TEST_F(NearMissTest, AnotherPatientsBagAtTheBedsideIsOneNearMissWithStationPeopleBothIdentitiesAndTime) {
  const World w = seed_world("nm1", "N0001");
  add_user("qa.nm1", {"qa@nm1"});
  const std::string mine = kymriah_journey_until(w, 2, "infusion.verify", "MRN10001");
  const std::string theirs = kymriah_journey_until(w, 3, "infusion.verify", "MRN10002");

  // The right wristband, the other patient's bag label (DIN, product code, COI).
  auto reply = station_of(w).post(
      "/api/v1/scans",
      bedside_check(w, mine, {"&#0008MRN10001", "=A99992632345600", "=<S1194A00", "&/" + theirs}, "nm1-wrong-bag"));

  ASSERT_EQ(reply.status, 422) << reply.raw;
  EXPECT_TRUE(has_code(reply.body, "COI_MISMATCH")) << reply.raw;
  EXPECT_TRUE(has_code(reply.body, "UNIT_NOT_IN_JOURNEY")) << reply.raw;
  const auto list = near_misses("qa.nm1");
  ASSERT_EQ(list.size(), 1u);
  const auto& n = list[0];
  EXPECT_EQ(n.at("event_id"), reply.body.at("event_id"));
  EXPECT_EQ(n.at("code"), "COI_MISMATCH");
  EXPECT_EQ(n.at("journey"), mine.c_str()) << "this journey's identity";
  EXPECT_EQ(n.at("site"), "nm1");
  EXPECT_EQ(n.at("step"), "infusion.verify");
  EXPECT_EQ(n.at("station"), w.station.c_str());
  EXPECT_EQ(n.at("operators"), (json::array{"nina.nm1", "paul.nm1"}));
  EXPECT_EQ(n.at("foreign"), (json::object{{"kind", "coi"}, {"code", "COI_MISMATCH"}, {"scan", 4}, {"value", theirs}}))
      << "the foreign identity scanned";
  EXPECT_EQ(n.at("other_identities"),
            (json::array{json::object{
                {"kind", "unit"}, {"code", "UNIT_NOT_IN_JOURNEY"}, {"scan", 2}, {"value", "A999926323456"}}}));
  EXPECT_EQ(n.at("wristband_mismatch"), false);
  EXPECT_EQ(n.at("other_journey"), (json::object{{"coi", theirs}, {"site", "nm1"}, {"visible", true}}));
  EXPECT_EQ(n.at("occurred_at"), "2026-11-20T09:40:00Z");
  EXPECT_TRUE(std::regex_match(str(n.at("recorded_at")), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << n;
  EXPECT_EQ(n.at("reviewed"), false);
  EXPECT_TRUE(n.at("reviewed_at").is_null());
  // The refusal is kept as it always was: in the journal, refused.
  EXPECT_EQ(recorded(mine), "13/1");
  EXPECT_EQ(sql("SELECT decision FROM events WHERE id = $1", json::serialize(reply.body.at("event_id"))), "refused");
}

TEST_F(NearMissTest, ReplayingTheRefusedScanWithItsIdempotencyKeyRecordsNothingNew) {
  const auto s = wrong_bag_at_collection("nm2", "N0002", "A99992672000");
  ASSERT_EQ(count_for(s.mine), "1");

  auto again = station_of(s.w).post("/api/v1/scans", s.collect);

  EXPECT_EQ(again.status, 422) << again.raw;
  EXPECT_EQ(again.raw, s.reply.raw) << "the first answer, byte for byte";
  EXPECT_EQ(count_for(s.mine), "1");
  EXPECT_EQ(recorded(s.mine), "1/1");
  EXPECT_EQ(near_misses("qa.nm2").size(), 1u);
}

TEST_F(NearMissTest, ABagOfAnotherJourneyAtCollectionIsAUnitNearMissNamingThatJourney) {
  const auto s = wrong_bag_at_collection("nm3", "N0003", "A99992673000");

  ASSERT_TRUE(has_code(s.reply.body, "UNIT_NOT_IN_JOURNEY")) << s.reply.raw;
  const auto list = near_misses("qa.nm3");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("code"), "UNIT_NOT_IN_JOURNEY");
  EXPECT_EQ(list[0].at("foreign"),
            (json::object{{"kind", "unit"}, {"code", "UNIT_NOT_IN_JOURNEY"}, {"scan", 1}, {"value", s.their_din}}));
  EXPECT_EQ(list[0].at("other_journey").at("coi"), s.theirs.c_str());
  EXPECT_EQ(list[0].at("operators"), (json::array{s.w.nurse.c_str()}));
  EXPECT_EQ(list[0].at("occurred_at"), "2026-10-05T12:00:00Z");
}

TEST_F(NearMissTest, AnotherPatientsWristbandIsANearMissThatCopiesNoWristbandText) {
  const World w = seed_world("nm4", "N0004");
  add_user("qa.nm4", {"qa@nm4"});
  const std::string mine = kymriah_journey_until(w, 4, "infusion.verify", "MRN40001");
  const std::string theirs = kymriah_journey_until(w, 5, "infusion.verify", "MRN40002");

  // The other patient's wristband next to this journey's own bag and COI.
  auto reply = station_of(w).post(
      "/api/v1/scans",
      bedside_check(w, mine, {"&#0008MRN40002", "=A99992642345600", "=<S1194A00", "&/" + mine}, "nm4-wrong-band"));

  ASSERT_EQ(reply.status, 422) << reply.raw;
  ASSERT_TRUE(has_code(reply.body, "WRISTBAND_MISMATCH")) << reply.raw;
  const auto list = near_misses("qa.nm4");
  ASSERT_EQ(list.size(), 1u);
  const auto& n = list[0];
  EXPECT_EQ(n.at("code"), "WRISTBAND_MISMATCH");
  EXPECT_EQ(n.at("wristband_mismatch"), true);
  EXPECT_EQ(n.at("foreign"),
            (json::object{{"kind", "wristband"}, {"code", "WRISTBAND_MISMATCH"}, {"scan", 1}, {"value", nullptr}}))
      << "which scan it was, not what it said";
  EXPECT_EQ(n.at("other_journey").at("coi"), theirs.c_str()) << "the other patient, named by COI";
  EXPECT_EQ(json::serialize(n).find("MRN4000"), std::string::npos) << "no MRN in the near miss: " << n;
  EXPECT_EQ(sql("SELECT count(*)::text FROM near_misses WHERE to_jsonb(near_misses)::text LIKE '%MRN4000%'"), "0")
      << "no MRN in the stored row";
  // The raw scan stays where it always was: the refused event.
  EXPECT_EQ(sql("SELECT e.scans[n.foreign_scan] FROM near_misses n JOIN events e ON e.id = n.event_id WHERE n.id = $1",
                json::serialize(n.at("id"))),
            "&#0008MRN40002");
}

TEST_F(NearMissTest, RefusalsThatNameNoOtherPatientRecordNone) {
  const World w = seed_world("nm5", "N0005");
  const std::string coi = new_journey(w);
  auto unknown_operator = order_event(w, coi, "nm5-role");
  unknown_operator["operators"] = json::array{"nobody.nm5"};
  auto no_reference = order_event(w, coi, "nm5-field");
  no_reference["data"] = json::object{{"order_reference", 42}};  // a number where text belongs

  auto role = station_of(w).post("/api/v1/scans", unknown_operator);
  auto field = station_of(w).post("/api/v1/scans", no_reference);

  ASSERT_EQ(role.status, 422) << role.raw;
  EXPECT_TRUE(has_code(role.body, "ROLE_MISSING")) << role.raw;
  ASSERT_EQ(field.status, 422) << field.raw;
  EXPECT_TRUE(has_code(field.body, "FIELD_MISSING")) << field.raw;
  EXPECT_EQ(recorded(coi), "0/2") << "both refusals are recorded";
  EXPECT_EQ(count_for(coi), "0") << "neither is a near miss";
}

TEST_F(NearMissTest, QaOfAnotherSiteDoesNotSeeIt) {
  const auto s = wrong_bag_at_collection("nm6", "N0006", "A99992676000");
  add_site("nm6-other", "N0061");
  add_user("qa.nm6-other", {"qa@nm6-other"});
  ASSERT_EQ(near_misses(s.qa).size(), 1u);
  const auto id = json::serialize(near_misses(s.qa)[0].at("id"));
  auto other = log_in("qa.nm6-other");

  EXPECT_EQ(near_misses("qa.nm6-other").size(), 0u);
  EXPECT_EQ(near_misses("qa.nm6-other", "?journey=" + s.mine).size(), 0u);
  EXPECT_EQ(other.get("/api/v1/near-misses/" + id).status, 404);
  auto review = other.post("/api/v1/near-misses/" + id + "/review", json::object{{"note", "not mine"}});
  EXPECT_EQ(review.status, 404) << review.raw;
  auto site = other.get("/api/v1/near-misses?site=nm6");
  EXPECT_EQ(site.status, 404) << site.raw;
  EXPECT_EQ(site.error_code(), "UNKNOWN_SITE");
  EXPECT_EQ(site.error_field(), "site");
  // A nurse of the site itself does not read QA's inbox either.
  auto nurse = log_in(s.w.nurse).get("/api/v1/near-misses");
  EXPECT_EQ(nurse.status, 403) << nurse.raw;
}

TEST_F(NearMissTest, ABagOfAJourneyAtAnotherSiteIsNamedButThatJourneyIsNotShown) {
  const auto s = wrong_bag_at_collection("nm7", "N0007", "A99992677000");
  const World there = seed_world("nm7b", "N0071");
  const std::string far = new_journey(there, "MRN70001");
  add_apheresis_bag(there, far, "A999926779999");

  auto reply = station_of(s.w).post("/api/v1/scans", collect_event(s.w, s.mine, "A999926779999", "nm7-far-bag"));

  ASSERT_EQ(reply.status, 422) << reply.raw;
  const auto list = near_misses(s.qa, "?journey=" + s.mine);
  ASSERT_EQ(list.size(), 2u);
  const auto& n = list[0];  // newest first
  EXPECT_EQ(n.at("event_id"), reply.body.at("event_id"));
  EXPECT_EQ(n.at("foreign").at("value"), "A999926779999");
  EXPECT_EQ(n.at("other_journey"), (json::object{{"coi", nullptr}, {"site", nullptr}, {"visible", false}}));
  EXPECT_EQ(json::serialize(n).find(far), std::string::npos) << n;
  EXPECT_EQ(sql("SELECT o.coi FROM near_misses n JOIN journeys o ON o.id = n.other_journey_id WHERE n.event_id = $1",
                json::serialize(reply.body.at("event_id"))),
            far)
      << "the record itself knows it";
}

TEST_F(NearMissTest, QaReviewsANearMissOnceWithANoteAndACoordinatorOnlyReadsIt) {
  const auto s = wrong_bag_at_collection("nm8", "N0008", "A99992678000");
  add_user("cora2.nm8", {"coordinator@nm8"});
  const auto n = near_misses(s.qa)[0];
  auto qa = log_in(s.qa);

  EXPECT_EQ(near_misses("cora2.nm8").size(), 1u) << "a coordinator reads the near misses";
  auto by_coordinator = log_in("cora2.nm8").post(review_path(n), json::object{{"note", "seen"}});
  EXPECT_EQ(by_coordinator.status, 403) << by_coordinator.raw;
  auto without_note = qa.post(review_path(n), json::object{});
  EXPECT_EQ(without_note.status, 400) << without_note.raw;
  EXPECT_EQ(without_note.error_code(), "MISSING_FIELD");
  EXPECT_EQ(without_note.error_field(), "note");

  auto first = qa.post(review_path(n), json::object{{"note", "Bags of two patients on one trolley; SOP retraining."}});

  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body.at("reviewed"), true);
  EXPECT_EQ(first.body.at("reviewed_by"), s.qa.c_str());
  EXPECT_EQ(first.body.at("review_note"), "Bags of two patients on one trolley; SOP retraining.");
  EXPECT_FALSE(first.body.at("reviewed_at").is_null());

  auto second = qa.post(review_path(n), json::object{{"note", "Changed my mind"}});

  EXPECT_EQ(second.status, 409) << second.raw;
  EXPECT_EQ(second.error_code(), "NEAR_MISS_REVIEWED");
  EXPECT_EQ(log_in(s.qa).get("/api/v1/near-misses/" + json::serialize(n.at("id"))).body.at("review_note"),
            "Bags of two patients on one trolley; SOP retraining.")
      << "the first review stands";
  EXPECT_EQ(near_misses(s.qa, "?reviewed=false").size(), 0u);
  EXPECT_EQ(near_misses(s.qa, "?reviewed=true").size(), 1u);
  auto bad = qa.get("/api/v1/near-misses?reviewed=maybe");
  EXPECT_EQ(bad.status, 400) << bad.raw;
  EXPECT_EQ(bad.error_field(), "reviewed");
}

TEST_F(NearMissTest, TheDeviationStatisticsCountNearMissesByCodeAndReview) {
  const auto s = wrong_bag_at_collection("nm9", "N0009", "A99992679000");
  const std::string stats = "/api/v1/deviations/statistics?site=nm9";

  auto before = log_in(s.qa).get(stats);

  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_EQ(before.body.at("sites"), (json::array{"nm9"}));
  const auto& near = before.body.at("near_misses");
  EXPECT_EQ(near.at("total"), 1);
  EXPECT_EQ(near.at("by_code").at("UNIT_NOT_IN_JOURNEY"),
            (json::object{{"unreviewed", 1}, {"reviewed", 0}, {"total", 1}}));
  EXPECT_EQ(near.at("by_code").at("COI_MISMATCH").at("total"), 0);
  EXPECT_EQ(near.at("by_code").at("WRISTBAND_MISMATCH").at("total"), 0);
  EXPECT_EQ(before.body.at("deviations").at("total"), 0) << "a refusal raises no deviation";

  ASSERT_EQ(log_in(s.qa).post(review_path(near_misses(s.qa)[0]), json::object{{"note", "Reviewed"}}).status, 200);
  auto after = log_in(s.qa).get(stats);
  EXPECT_EQ(after.body.at("near_misses").at("by_status"), (json::object{{"unreviewed", 0}, {"reviewed", 1}}));

  auto today = log_in(s.qa).get(stats + "&from=2026-01-01&to=2099-12-31");
  EXPECT_EQ(today.body.at("near_misses").at("total"), 1) << today.raw;
  auto past = log_in(s.qa).get(stats + "&from=2025-01-01&to=2025-12-31");
  EXPECT_EQ(past.body.at("near_misses").at("total"), 0) << past.raw;
  auto bad = log_in(s.qa).get(stats + "&from=yesterday");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_field(), "from");
  auto backwards = log_in(s.qa).get(stats + "&from=2026-02-01&to=2026-01-01");
  EXPECT_EQ(backwards.status, 400);
  EXPECT_EQ(backwards.error_field(), "to");
  EXPECT_EQ(log_in(s.w.nurse).get(stats).status, 403) << "statistics are for qa and coordinators";
}

TEST_F(NearMissTest, TheDeviationStatisticsCountDeviationsByCodeAndStatus) {
  const World w = seed_world("nm10", "N0010");
  add_user("qa.nm10", {"qa@nm10"});
  const std::string coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926710001");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "nm10-order")).status, 200);
  ASSERT_EQ(station_of(w).post("/api/v1/scans", collect_event(w, coi, "A999926710001", "nm10-collect")).status, 200);
  // Shipped before it was labelled: accepted, OUT_OF_ORDER.
  json::object ship{{"journey", coi},
                    {"step", "apheresis.ship"},
                    {"occurred_at", "2026-10-05T15:00:00Z"},
                    {"station", w.station},
                    {"operators", json::array{w.nurse}},
                    {"scans", json::array{"=A99992671000100"}},
                    {"data", json::object{{"shipper_id", "AS-1"}}},
                    {"idempotency_key", "nm10-ship"}};
  auto shipped = station_of(w).post("/api/v1/scans", ship);
  ASSERT_EQ(shipped.status, 200) << shipped.raw;

  auto stats = log_in("qa.nm10").get("/api/v1/deviations/statistics?site=nm10");

  ASSERT_EQ(stats.status, 200) << stats.raw;
  const auto& deviations = stats.body.at("deviations");
  EXPECT_GE(deviations.at("total").as_int64(), 1);
  EXPECT_EQ(deviations.at("by_code").at("OUT_OF_ORDER").at("open"), 1) << stats.raw;
  EXPECT_EQ(deviations.at("by_status").at("open"), deviations.at("total"));
  EXPECT_EQ(stats.body.at("near_misses").at("total"), 0);
}

TEST_F(NearMissTest, TheLiveFeedTellsTheSiteWithCoisOnly) {
  const World w = seed_world("nm11", "N0011");
  add_user("qa.nm11", {"qa@nm11"});
  const std::string mine = new_journey(w, "MRN12345");
  const std::string theirs = new_journey(w, "MRN11002");
  add_apheresis_bag(w, mine, "A999926711001");
  add_apheresis_bag(w, theirs, "A999926711002");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, mine, "nm11-order")).status, 200);
  ASSERT_TRUE(wait_until_listening(port()));
  const std::string token = log_in("qa.nm11").authorization().substr(std::string("Bearer ").size());
  WsClient ws(port(), "/api/v1/feed?token=" + token);
  ASSERT_TRUE(ws.connected()) << ws.error();
  ASSERT_TRUE(ws.next_containing("hello"));

  auto reply = station_of(w).post("/api/v1/scans", collect_event(w, mine, "A999926711002", "nm11-wrong"));
  ASSERT_EQ(reply.status, 422) << reply.raw;
  auto message = ws.next_containing("\"near_miss\"");

  ASSERT_TRUE(message) << "no near_miss notice on the feed";
  const auto notice = json::parse(*message).as_object();
  EXPECT_EQ(notice.at("journey"), mine.c_str());
  EXPECT_EQ(notice.at("code"), "UNIT_NOT_IN_JOURNEY");
  EXPECT_EQ(notice.at("foreign_kind"), "unit");
  EXPECT_EQ(notice.at("status"), "recorded");
  EXPECT_EQ(notice.at("near_miss_id"), near_misses("qa.nm11")[0].at("id"));
  EXPECT_EQ(message->find("MRN"), std::string::npos) << *message;
}

TEST_F(NearMissTest, MetricsCountNearMissesByCode) {
  const auto s = wrong_bag_at_collection("nm12", "N0012", "A99992671200");

  const auto metrics = log_in(s.qa).get("/metrics");  // QA may read them (docs/security.md)

  ASSERT_EQ(metrics.status, 200);
  const auto expected = sql("SELECT count(*)::text FROM near_misses WHERE code = 'UNIT_NOT_IN_JOURNEY'");
  EXPECT_NE(metrics.raw.find("\ncelljourney_near_misses_total{code=\"UNIT_NOT_IN_JOURNEY\"} " + expected + "\n"),
            std::string::npos)
      << metrics.raw;
  EXPECT_NE(metrics.raw.find("# TYPE celljourney_near_misses_unreviewed gauge"), std::string::npos);
  EXPECT_NE(metrics.raw.find("\ncelljourney_near_misses_total{code=\"WRISTBAND_MISMATCH\"} "), std::string::npos)
      << "every near-miss code is listed";
}

TEST_F(NearMissTest, AStepEnteredAtTheDeskWithAnotherPatientsBagIsANearMissToo) {
  const auto s = wrong_bag_at_collection("nm13", "N0013", "A99992671300");
  auto body = collect_event(s.w, s.mine, s.their_din, "unused");
  body.erase("idempotency_key");
  body.erase("journey");
  body.erase("station");

  auto reply = log_in(s.w.nurse).post("/api/v1/journeys/" + s.mine + "/events", body);

  ASSERT_EQ(reply.status, 422) << reply.raw;
  const auto list = near_misses(s.qa);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("event_id"), reply.body.at("event_id"));
  EXPECT_TRUE(list[0].at("station").is_null()) << "no station at a desk";
}

TEST_F(NearMissTest, ARecordedNearMissCannotBeChangedOrDeletedAndIsReviewedOnce) {
  const auto s = wrong_bag_at_collection("nm14", "N0014", "A99992671400");
  const auto id = json::serialize(near_misses(s.qa)[0].at("id"));
  pqxx::connection conn(uri());
  auto refused = [&](const std::string& statement) {
    try {
      pqxx::work tx(conn);
      tx.exec_params(statement, id);
      tx.commit();
      return std::string("done");
    } catch (const pqxx::sql_error& e) {
      return std::string(e.what());
    }
  };

  EXPECT_NE(
      refused("UPDATE near_misses SET foreign_value = 'A999926000000' WHERE id = $1::bigint").find("only its review"),
      std::string::npos);
  EXPECT_NE(refused("DELETE FROM near_misses WHERE id = $1::bigint").find("never deleted"), std::string::npos);
  EXPECT_EQ(refused("UPDATE near_misses SET reviewed_at = now(), reviewed_by = (SELECT id FROM users LIMIT 1), "
                    "review_note = 'first' WHERE id = $1::bigint"),
            "done");
  EXPECT_NE(refused("UPDATE near_misses SET review_note = 'second' WHERE id = $1::bigint").find("already reviewed"),
            std::string::npos);
  EXPECT_EQ(sql("SELECT review_note FROM near_misses WHERE id = $1::bigint", id), "first");
}

}  // namespace
}  // namespace cj::testing
