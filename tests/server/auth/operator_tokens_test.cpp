// People at stations (issue 15 §1), end to end against `celljourney serve`: a station signs a
// person in with badge + PIN, guessed like a password; every person of an event brings a proof
// (an operator token bound to the caller, or a proof sealed offline) or the event is refused
// OPERATOR_NOT_PROVEN and recorded.
#include <chrono>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/journey_world.h"
#include "tests/support/operator_proofs.h"
#include "workflows/time_point.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class OperatorTokensTest : public JourneySuite {
 public:
  static void SetUpTestSuite() { start_suite({"--guess-limit-address", "0", "--sweep-interval", "0"}); }

 protected:
  static std::string now() {
    return workflows::format_time(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  }
  // The world's collection of a new bag, happening now, with no proofs yet.
  static json::object collect_now(const World& w, const std::string& coi, const std::string& din,
                                  const std::string& key) {
    auto event = collect_event(w, coi, din, key);
    event["occurred_at"] = now();
    return event;
  }
  static std::string first_refusal(const ApiReply& reply) {
    const auto* refusals = reply.body.is_object() ? reply.body.as_object().if_contains("refusals") : nullptr;
    if (!refusals || !refusals->is_array() || refusals->as_array().empty()) return "";
    return std::string(refusals->as_array()[0].as_object().at("code").as_string());
  }
  static json::array token_proof(const std::string& who, const std::string& token) {
    return json::array{json::object{{"operator", who}, {"token", token}}};
  }
  static ApiReply sign_in(const ApiClient& caller, const std::string& badge, const std::string& pin) {
    return caller.post("/api/v1/operator-tokens", json::object{{"badge", badge}, {"pin", pin}, {"purpose", "shift"}});
  }
};

TEST_F(OperatorTokensTest, AStationSignsAPersonInWithBadgeAndPin) {
  const World w = seed_world("ot1", "J0101");
  auto reply = sign_in(station_of(w), badge_of(w.nurse), kPin);
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.text("purpose"), "shift");
  EXPECT_EQ(reply.body.at("idle_minutes").as_int64(), 15);
  EXPECT_EQ(reply.body.at("user").at("username").as_string(), w.nurse);
  EXPECT_EQ(reply.body.at("user").at("roles").as_array().size(), 1u);
  EXPECT_EQ(reply.body.at("user").at("qualifications").as_array()[0].at("qualification").as_string(), "kymriah");
  EXPECT_EQ(sql("SELECT count(*)::text FROM operator_tokens t JOIN users u ON u.id = t.user_id "
                "WHERE u.username = $1 AND t.bound_to = 'station:AP-ot1'",
                w.nurse),
            "1");
}

TEST_F(OperatorTokensTest, AWrongPinIs401AndCountedUntilTheDelay) {
  const World w = seed_world("ot2", "J0102");
  for (int i = 0; i < 5; ++i) {
    auto reply = sign_in(station_of(w), badge_of(w.nurse), "975318");
    EXPECT_EQ(reply.status, 401) << reply.raw;
    EXPECT_EQ(reply.error_code(), "BAD_CREDENTIALS");
  }
  const auto start = std::chrono::steady_clock::now();
  auto sixth = sign_in(station_of(w), badge_of(w.nurse), kPin);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
  EXPECT_EQ(sixth.status, 201) << sixth.raw;
  EXPECT_EQ(
      sql("SELECT count(*)::text FROM admin_log WHERE action = 'operator.sign_in_failed' AND subject = $1", w.nurse),
      "5");
}

TEST_F(OperatorTokensTest, AnUnknownBadgeGetsTheSameAnswerAsAWrongPin) {
  const World w = seed_world("ot3", "J0103");
  auto reply = sign_in(station_of(w), "badge-nobody", kPin);
  EXPECT_EQ(reply.status, 401) << reply.raw;
  EXPECT_EQ(reply.error_code(), "BAD_CREDENTIALS");
  EXPECT_EQ(reply.body.at("error").at("message").as_string(), "Unknown badge or wrong PIN.");
}

TEST_F(OperatorTokensTest, APersonWithoutARoleAtTheStationsSiteIs403) {
  const World w = seed_world("ot4", "J0104");
  const World other = seed_world("ot4b", "J0114");
  auto reply = sign_in(station_of(w), badge_of(other.nurse), kPin);
  EXPECT_EQ(reply.status, 403) << reply.raw;
  EXPECT_EQ(reply.error_code(), "NO_ROLE_AT_SITE");
}

TEST_F(OperatorTokensTest, AnEventWithoutProofIsRefusedOperatorNotProvenAndRecorded) {
  const World w = seed_world("ot5", "J0105");
  const auto coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926500001");
  auto reply = station_of(w).unproven().post("/api/v1/scans", collect_now(w, coi, "A999926500001", "ot5-1"));
  EXPECT_EQ(reply.status, 422) << reply.raw;
  EXPECT_EQ(first_refusal(reply), "OPERATOR_NOT_PROVEN");
  EXPECT_NE(reply.raw.find(w.nurse + ": no sign-in proof"), std::string::npos) << reply.raw;
  EXPECT_EQ(recorded(coi), "0/1");
}

TEST_F(OperatorTokensTest, ATokenProofIsAcceptedAndBoundToItsStation) {
  const World w = seed_world("ot6", "J0106");
  const auto second_key = add_station("AP2-ot6", w.site);
  const auto coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926600001");
  const auto token = sign_in_operator(station_of(w), w.nurse);
  // Another station of the same site cannot use it.
  auto other = collect_now(w, coi, "A999926600001", "ot6-1");
  other["station"] = "AP2-ot6";
  other["proofs"] = token_proof(w.nurse, token);
  auto refused = anonymous().with_station_key(second_key).post("/api/v1/scans", other);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(first_refusal(refused), "OPERATOR_NOT_PROVEN");
  auto event = collect_now(w, coi, "A999926600001", "ot6-2");
  event["proofs"] = token_proof(w.nurse, token);
  auto accepted = station_of(w).post("/api/v1/scans", event);
  EXPECT_EQ(accepted.status, 200) << accepted.raw;
}

TEST_F(OperatorTokensTest, AWitnessTokenIsGoodForOneEvent) {
  const World w = seed_world("ot7", "J0107");
  const auto coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926700001");
  const auto token = sign_in_operator(station_of(w), w.nurse, "witness");
  auto first = collect_now(w, coi, "A999926700001", "ot7-1");
  first["proofs"] = token_proof(w.nurse, token);
  EXPECT_EQ(station_of(w).post("/api/v1/scans", first).status, 200);
  auto second = collect_now(w, coi, "A999926700001", "ot7-2");
  second["proofs"] = token_proof(w.nurse, token);
  auto reply = station_of(w).post("/api/v1/scans", second);
  EXPECT_EQ(first_refusal(reply), "OPERATOR_NOT_PROVEN") << reply.raw;
  EXPECT_NE(reply.raw.find("used for another event"), std::string::npos) << reply.raw;
}

TEST_F(OperatorTokensTest, TheSamePersonTwiceIsRefused) {
  const World w = seed_world("ot8", "J0108");
  const auto coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926800001");
  auto event = collect_now(w, coi, "A999926800001", "ot8-1");
  event["operators"] = json::array{w.nurse, w.nurse};
  event["proofs"] = token_proof(w.nurse, sign_in_operator(station_of(w), w.nurse));
  auto reply = station_of(w).post("/api/v1/scans", event);
  EXPECT_EQ(reply.status, 422) << reply.raw;
  EXPECT_EQ(first_refusal(reply), "WITNESS_NOT_DISTINCT");
}

TEST_F(OperatorTokensTest, ASealedProofIsAcceptedAndAWrongPinInOneIsRefusedAndCounted) {
  const World w = seed_world("ot9", "J0109");
  const auto coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926900001");
  auto good = with_proofs(station_of(w), collect_event(w, coi, "A999926900001", "ot9-1"));
  auto accepted = station_of(w).post("/api/v1/scans", good);
  EXPECT_EQ(accepted.status, 200) << accepted.raw;

  auto event = collect_event(w, coi, "A999926900001", "ot9-2");
  const json::object plaintext{{"v", 1},
                               {"badge", badge_of(w.nurse)},
                               {"pin", "975318"},
                               {"station", w.station},
                               {"operator", w.nurse},
                               {"occurred_at", "2026-10-05T12:00:00Z"},
                               {"idempotency_key", "ot9-2"}};
  event["proofs"] =
      json::array{json::object{{"operator", w.nurse}, {"sealed", sealed_proof(station_of(w), plaintext)}}};
  auto refused = station_of(w).post("/api/v1/scans", event);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_NE(refused.raw.find(w.nurse + ": the PIN typed offline is wrong"), std::string::npos) << refused.raw;
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE action = 'operator.sealed_proof_failed' AND subject = $1",
                w.nurse),
            "1");
}

TEST_F(OperatorTokensTest, ASealedProofForAnotherEventIsRefused) {
  const World w = seed_world("ot10", "J0110");
  const auto coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926100011");
  // Sealed for key ot10-1, sent with key ot10-2; then for another time.
  auto sealed_for_1 = with_proofs(station_of(w), collect_event(w, coi, "A999926100011", "ot10-1"));
  sealed_for_1["idempotency_key"] = "ot10-2";
  auto reply = station_of(w).post("/api/v1/scans", sealed_for_1);
  EXPECT_NE(reply.raw.find("the proof made offline is for another event"), std::string::npos) << reply.raw;
  auto moved = with_proofs(station_of(w), collect_event(w, coi, "A999926100011", "ot10-3"));
  moved["occurred_at"] = "2026-10-05T12:01:00Z";
  auto reply2 = station_of(w).post("/api/v1/scans", moved);
  EXPECT_EQ(first_refusal(reply2), "OPERATOR_NOT_PROVEN") << reply2.raw;
}

TEST_F(OperatorTokensTest, ADeskEventNamingASecondPersonNeedsTheirProof) {
  const World w = seed_world("ot11", "J0111");
  const std::string bea = "bea.ot11";
  add_user(bea, {"apheresis@" + w.site});
  train(bea);
  const auto coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926110001");
  auto ann = log_in(w.nurse);
  auto event = collect_now(w, coi, "A999926110001", "ot11-1");
  event.erase("station");
  event["operators"] = json::array{w.nurse, bea};
  auto refused = ann.unproven().post("/api/v1/journeys/" + coi + "/events", event);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_NE(refused.raw.find(bea + ": no sign-in proof"), std::string::npos) << refused.raw;
  event["idempotency_key"] = "ot11-2";
  event["proofs"] = token_proof(bea, sign_in_operator(ann, bea, "witness"));
  auto accepted = ann.post("/api/v1/journeys/" + coi + "/events", event);
  EXPECT_EQ(accepted.status, 200) << accepted.raw;
}

TEST_F(OperatorTokensTest, SigningOutEndsTheToken) {
  const World w = seed_world("ot12", "J0112");
  const auto coi = new_journey(w);
  add_apheresis_bag(w, coi, "A999926120001");
  const auto token = sign_in_operator(station_of(w), w.nurse);
  auto end = station_of(w).post("/api/v1/operator-tokens/end", json::object{{"token", token}});
  EXPECT_EQ(end.status, 204) << end.raw;
  auto event = collect_event(w, coi, "A999926120001", "ot12-1");
  event["occurred_at"] = workflows::format_time(
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now() + std::chrono::seconds(2)));
  event["proofs"] = token_proof(w.nurse, token);
  auto reply = station_of(w).post("/api/v1/scans", event);
  EXPECT_EQ(first_refusal(reply), "OPERATOR_NOT_PROVEN") << reply.raw;
  EXPECT_NE(reply.raw.find("had ended"), std::string::npos) << reply.raw;
}

TEST_F(OperatorTokensTest, APinFollowsTheRulesAndABadgeBelongsToOnePerson) {
  const World w = seed_world("ot13", "J0113");
  add_user("root.ot13", {"admin@ot13"});
  auto admin = log_in("root.ot13");
  for (const char* weak : {"12345", "111111", "123456", "987654", "12a456"}) {
    auto reply = admin.put("/api/v1/users/" + w.nurse + "/pin", json::object{{"pin", weak}});
    EXPECT_EQ(reply.status, 400) << weak << ": " << reply.raw;
    EXPECT_EQ(reply.error_code(), "WEAK_PIN") << weak;
  }
  EXPECT_EQ(admin.put("/api/v1/users/" + w.nurse + "/pin", json::object{{"pin", "582914"}}).status, 204);
  EXPECT_EQ(sign_in(station_of(w), badge_of(w.nurse), "582914").status, 201);
  auto taken = admin.put("/api/v1/users/" + w.nurse + "/badge", json::object{{"badge", badge_of(w.coordinator)}});
  EXPECT_EQ(taken.status, 409) << taken.raw;
  EXPECT_EQ(taken.error_code(), "BADGE_TAKEN");
  // An ISBT 128 staff identification, read with the scanner's AIM identifier, is the same badge.
  EXPECT_EQ(admin.put("/api/v1/users/" + w.nurse + "/badge", json::object{{"badge", "='J0113AB1234"}}).status, 204);
  EXPECT_EQ(sql("SELECT badge_code FROM users WHERE username = $1", w.nurse), "isbt128:J0113AB1234");
  EXPECT_EQ(sign_in(station_of(w), "]C0='J0113AB1234\r\n", "582914").status, 201);
  // The person sets their own, with their password.
  auto own = log_in(w.nurse).put("/api/v1/session/pin", json::object{{"password", kPassword}, {"pin", "670394"}});
  EXPECT_EQ(own.status, 204) << own.raw;
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE action = 'user.pin_set' AND subject = $1", w.nurse), "3");
}

TEST_F(OperatorTokensTest, TheSealingKeyIsTheCentreKeysX25519Form) {
  const World w = seed_world("ot14", "J0115");
  auto reply = station_of(w).get("/api/v1/operator-tokens/sealing-key");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("key").size(), 44u);
  EXPECT_EQ(reply.text("key_id").size(), 16u);
}

}  // namespace
}  // namespace cj::testing
