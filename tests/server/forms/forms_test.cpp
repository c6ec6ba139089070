// GET /api/v1/forms and GET /api/v1/journeys/{coi}/next against the real server: what a step
// asks for comes from the product definition with the site's rules, and a station sees whose
// product it holds by initials only, with the next steps' titles, due times and forms.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/journey_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class FormsTest : public JourneySuite {};

const json::object& step_of(const json::value& forms, std::string_view step) {
  for (const auto& form : forms.at("steps").as_array()) {
    if (form.at("step").as_string() == step) return form.as_object();
  }
  static const json::object none;
  ADD_FAILURE() << "no form of " << step;
  return none;
}

const json::object& field_of(const json::object& form, std::string_view name) {
  for (const auto& field : form.at("fields").as_array()) {
    if (field.at("name").as_string() == name) return field.as_object();
  }
  static const json::object none;
  ADD_FAILURE() << "no field " << name << " in " << json::serialize(form);
  return none;
}

TEST_F(FormsTest, AStationGetsKymriahsFormsWithItsSitesRules) {
  const World w = seed_world("f1", "F0001");
  const auto reply = station_of(w).get("/api/v1/forms?product=kymriah");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("product"), "kymriah");
  EXPECT_EQ(reply.text("name"), "Kymriah (tisagenlecleucel)");

  const json::object& verify = step_of(reply.body, "infusion.verify");
  EXPECT_EQ(verify.at("witnesses"), 2);
  const json::object& doses = field_of(verify, "tocilizumab_doses_on_site");
  EXPECT_EQ(doses.at("type"), "integer");
  EXPECT_EQ(doses.at("unit"), "doses");
  EXPECT_EQ(doses.at("required"), true);
  EXPECT_EQ(doses.at("min"), 1.0);  // the EU site's region
  EXPECT_EQ(doses.at("breach"), "refusal");

  const json::object& receive = step_of(reply.body, "product.receive");
  EXPECT_EQ(receive.at("checklist").at(0).at("id"), "shipper_intact");
  EXPECT_EQ(receive.at("checklist").at(0).at("on_no"), "deviation");
  EXPECT_EQ(field_of(receive, "logger_readings_c").at("max"), -150.0);  // the site's shipper limit

  const json::object& store = step_of(reply.body, "product.store");
  EXPECT_EQ(field_of(store, "location").at("entry"), "scan");
  EXPECT_EQ(store.at("storage").at("max_c"), -120.0);
  EXPECT_EQ(field_of(step_of(reply.body, "apheresis.ship"), "shipper_id").at("entry"), "scan");
}

TEST_F(FormsTest, WithoutAProductTheCoreJourneysStepsComeWithTitlesAndScansAndNoProductRule) {
  const World w = seed_world("f2", "F0002");
  const auto reply = log_in(w.nurse).get("/api/v1/forms");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("product"), "");
  const json::object& collect = step_of(reply.body, "apheresis.collect");
  EXPECT_EQ(collect.at("title"), "Apheresis collection ended (one event per session)");
  EXPECT_EQ(collect.at("scans").at("wristband"), true);
  EXPECT_EQ(collect.at("scans").at("structures"), (json::array{"001"}));
  EXPECT_EQ(collect.at("qualification"), "");
  EXPECT_TRUE(field_of(step_of(reply.body, "product.receive"), "logger_readings_c").at("max").is_null());
}

TEST_F(FormsTest, AUserAsksForTheFormsOfTheirOwnSitesOnly) {
  const World mine = seed_world("f3", "F0003");
  const World other = seed_world("f4", "F0004");
  auto nurse = log_in(mine.nurse);
  EXPECT_EQ(nurse.get("/api/v1/forms?product=kymriah").status, 200);  // their one site
  EXPECT_EQ(nurse.get("/api/v1/forms?product=kymriah&site=" + mine.site).status, 200);
  const auto foreign = nurse.get("/api/v1/forms?product=kymriah&site=" + other.site);
  EXPECT_EQ(foreign.status, 404) << foreign.raw;
  EXPECT_EQ(foreign.error_code(), "UNKNOWN_SITE");
}

TEST_F(FormsTest, AnUnknownProductIsNotFound) {
  const World w = seed_world("f5", "F0005");
  const auto reply = station_of(w).get("/api/v1/forms?product=unobtainium");
  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_PRODUCT");
}

TEST_F(FormsTest, ASiteWithoutRulesHasNoProductForms) {
  const World w = seed_world("f6", "F0006", /*with_rules=*/false);
  const auto reply = station_of(w).get("/api/v1/forms?product=kymriah");
  EXPECT_EQ(reply.status, 409) << reply.raw;
  EXPECT_EQ(reply.error_code(), "RULES_MISSING");
}

TEST_F(FormsTest, AfterOrderAndCollectionTheStationSeesInitialsBagsStageAndTheNextStepsForms) {
  const World w = seed_world("f7", "F0007");
  const std::string coi = new_journey(w, "MRN12345");
  add_apheresis_bag(w, coi, "A999926100001");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "f7-1")).status, 200);
  ASSERT_EQ(station_of(w).post("/api/v1/scans", collect_event(w, coi, "A999926100001", "f7-2")).status, 200);

  const auto reply = station_of(w).get("/api/v1/journeys/" + coi + "/next");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("coi"), coi);
  EXPECT_EQ(reply.text("product"), "kymriah");
  EXPECT_EQ(reply.text("product_name"), "Kymriah (tisagenlecleucel)");
  EXPECT_EQ(reply.text("patient_initials"), "JD");
  EXPECT_EQ(reply.text("status"), "active");
  EXPECT_EQ(reply.text("stage"), "Apheresis collection ended (one event per session)");
  EXPECT_EQ(reply.text("last_step"), "apheresis.collect");
  EXPECT_EQ(reply.body.at("bags"), 1);
  EXPECT_EQ(reply.body.at("units").at(0), (json::object{{"kind", "apheresis_bag"}, {"din", "A999926100001"}}));
  EXPECT_EQ(reply.raw.find("MRN12345"), std::string::npos) << reply.raw;
  EXPECT_FALSE(reply.body.as_object().contains("patient"));

  bool label_next = false;
  for (const auto& next : reply.body.at("next").as_array()) {
    EXPECT_TRUE(next.as_object().contains("due_by"));
    if (next.at("step") != "apheresis.label") continue;
    label_next = true;
    EXPECT_EQ(next.at("title"), "Apheresis bag labelled with the journey's COI");
  }
  EXPECT_TRUE(label_next) << reply.raw;
  EXPECT_EQ(reply.body.at("forms").at("apheresis.label").at("scans").at("coi"), true);
}

TEST_F(FormsTest, ACorrectionDoesNotMoveTheStage) {
  const World w = seed_world("f13", "F0013");
  const std::string coi = new_journey(w, "MRN12345");
  add_apheresis_bag(w, coi, "A999926100001");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "f13-1")).status, 200);
  const auto collected = station_of(w).post("/api/v1/scans", collect_event(w, coi, "A999926100001", "f13-2"));
  ASSERT_EQ(collected.status, 200) << collected.raw;
  const json::object correction{
      {"journey", coi},
      {"step", "correction"},
      {"occurred_at", "2026-10-05T13:00:00Z"},
      {"station", w.station},
      {"operators", json::array{w.nurse}},
      {"scans", json::array{}},
      {"data", json::object{{"corrects_event_id", collected.body.at("event_id")}, {"reason", "volume misread"}}},
      {"idempotency_key", "f13-3"}};
  const auto corrected = station_of(w).post("/api/v1/scans", correction);
  ASSERT_EQ(corrected.status, 200) << corrected.raw;
  const auto reply = station_of(w).get("/api/v1/journeys/" + coi + "/next");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("last_step"), "apheresis.collect");
}

TEST_F(FormsTest, ANextStepWithAClockCarriesItsDueTime) {
  const World w = seed_world("f8", "F0008");
  const std::string coi = kymriah_journey_until(w, 2, "infusion.end");
  const auto reply = station_of(w).get("/api/v1/journeys/" + coi + "/next");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("last_step"), "infusion.start");
  EXPECT_EQ(reply.text("stage"), "Infusion started");
  bool end_next = false;
  for (const auto& next : reply.body.at("next").as_array()) {
    if (next.at("step") != "infusion.end") continue;
    end_next = true;
    EXPECT_EQ(next.at("title"), "Infusion ended");
    ASSERT_TRUE(next.at("due_by").is_string()) << reply.raw;  // the thaw-to-infusion-end window
  }
  EXPECT_TRUE(end_next) << reply.raw;
  EXPECT_TRUE(reply.body.at("forms").as_object().contains("infusion.end"));
}

TEST_F(FormsTest, AStationOfAnotherSiteCannotReadAJourneysNextSteps) {
  const World mine = seed_world("f9", "F0009");
  const World other = seed_world("f10", "F0010");
  const std::string coi = new_journey(mine);
  const auto reply = station_of(other).get("/api/v1/journeys/" + coi + "/next");
  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_JOURNEY");
  EXPECT_EQ(reply.raw.find("JD"), std::string::npos);
}

TEST_F(FormsTest, AnUnknownCoiIsNotFound) {
  const World w = seed_world("f11", "F0011");
  const auto reply = station_of(w).get("/api/v1/journeys/CHF001199999999/next");
  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_JOURNEY");
}

TEST_F(FormsTest, ARefusalTellsThePersonAtTheStationWhatToDo) {
  const World w = seed_world("f12", "F0012");
  const std::string coi = new_journey(w, "MRN12345");
  add_apheresis_bag(w, coi, "A999926100001");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "f12-1")).status, 200);
  json::object collect = collect_event(w, coi, "A999926100001", "f12-2");
  collect["scans"] = json::array{"=A99992610000100", "&#0008MRN99999"};  // another patient's wristband
  const auto reply = station_of(w).post("/api/v1/scans", collect);
  ASSERT_EQ(reply.status, 422) << reply.raw;
  const auto& refusal = reply.body.at("refusals").at(0);
  EXPECT_EQ(refusal.at("code"), "WRISTBAND_MISMATCH");
  EXPECT_NE(refusal.at("what_to_do").as_string().find("do not give the product"), json::string::npos) << reply.raw;
}

}  // namespace
}  // namespace cj::testing
