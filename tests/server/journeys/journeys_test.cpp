// /api/v1/journeys: creating a journey issues its COI; units are registered to it; a journey is
// seen in full by its site's people, and by nobody else.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "isbt128/parse.h"
#include "tests/support/journey_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class JourneyTest : public JourneySuite {};

json::object patient(const std::string& mrn, const std::string& initials = "JD") {
  return json::object{{"mrn", mrn}, {"initials", initials}};
}

TEST_F(JourneyTest, CreatingAJourneyAssignsACoiWithTheSitesFin) {
  const World w = seed_world("j1", "J0001");

  auto reply =
      log_in(w.coordinator)
          .post("/api/v1/journeys",
                json::object{
                    {"site", w.site},
                    {"product", "kymriah"},
                    {"patient", json::object{{"mrn", "MRN-J1"}, {"initials", "AB"}, {"date_of_birth", "1961-04-30"}}}});

  ASSERT_EQ(reply.status, 201) << reply.raw;
  const std::string coi = reply.text("coi");
  EXPECT_EQ(coi.rfind("CHJ0001", 0), 0u) << coi;
  EXPECT_EQ(coi.size(), 15u) << coi;
  auto label = isbt128::parse("&/" + coi);  // the COI [040] as printed on every label
  ASSERT_TRUE(label.ok()) << label.error().message;
  EXPECT_EQ(label.value().at(0).number, "040");
  EXPECT_EQ(reply.text("product"), "kymriah");
  EXPECT_EQ(reply.text("site"), "j1");
  EXPECT_EQ(reply.text("status"), "active");
  EXPECT_EQ(reply.body.at("patient").at("initials"), "AB");
  EXPECT_EQ(reply.body.at("patient").at("date_of_birth"), "1961-04-30");
}

TEST_F(JourneyTest, AnMrnWithANulIsRefusedAndNothingIsStored) {
  const World w = seed_world("j-nul", "J0101");

  auto reply = log_in(w.coordinator)
                   .post("/api/v1/journeys", json::object{{"site", w.site},
                                                          {"product", "kymriah"},
                                                          {"patient", patient(std::string("MRN-A\0B", 7))}});

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "INVALID_FIELD");
  EXPECT_EQ(reply.error_field(), "patient.mrn");
  EXPECT_EQ(sql("SELECT count(*) FROM patients WHERE mrn LIKE 'MRN-A%'"), "0");
}

TEST_F(JourneyTest, ADateOfBirthInTheFutureIsRefused) {
  const World w = seed_world("j-dob", "J0102");
  json::object future = patient("MRN-DOB");
  future["date_of_birth"] = "2961-04-30";

  auto reply = log_in(w.coordinator)
                   .post("/api/v1/journeys",
                         json::object{{"site", w.site}, {"product", "kymriah"}, {"patient", std::move(future)}});

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_field(), "patient.date_of_birth");
  EXPECT_EQ(sql("SELECT count(*) FROM patients WHERE mrn = 'MRN-DOB'"), "0");
}

TEST_F(JourneyTest, TwoJourneysOfASiteGetDistinctCois) {
  const World w = seed_world("j2", "J0002");

  const std::string first = new_journey(w, "MRN-J2-1");
  const std::string second = new_journey(w, "MRN-J2-2");

  EXPECT_NE(first, second);
}

TEST_F(JourneyTest, AProductWithoutItsSiteSetValuesIsRefusedWithRulesMissing) {
  const World w = seed_world("j3", "J0003", false);
  set_rules(w.site, read_source_file("workflows/sites/example.yaml"));

  auto reply = log_in(w.coordinator)
                   .post("/api/v1/journeys",
                         json::object{{"site", w.site}, {"product", "yescarta"}, {"patient", patient("MRN-J3")}});

  EXPECT_EQ(reply.status, 409) << reply.raw;
  EXPECT_EQ(reply.error_code(), "RULES_MISSING");
  EXPECT_NE(reply.raw.find("yescarta/"), std::string::npos) << reply.raw;  // names the missing value
  EXPECT_EQ(sql("SELECT count(*)::text FROM journeys j JOIN sites s ON s.id = j.site_id WHERE s.code = $1", w.site),
            "0");
}

TEST_F(JourneyTest, ASiteWithoutRulesCannotStartAJourney) {
  const World w = seed_world("j4", "J0004", false);

  auto reply = log_in(w.coordinator)
                   .post("/api/v1/journeys",
                         json::object{{"site", w.site}, {"product", "kymriah"}, {"patient", patient("MRN-J4")}});

  EXPECT_EQ(reply.status, 409) << reply.raw;
  EXPECT_EQ(reply.error_code(), "RULES_MISSING");
}

TEST_F(JourneyTest, AJourneyCanOnlyBeCreatedAtASiteWhereTheCallerHoldsTheRole) {
  const World w = seed_world("j5", "J0005");
  const World other = seed_world("j5b", "J0051");

  auto reply = log_in(other.coordinator)
                   .post("/api/v1/journeys",
                         json::object{{"site", w.site}, {"product", "kymriah"}, {"patient", patient("MRN-J5")}});

  EXPECT_EQ(reply.status, 403) << reply.raw;
}

TEST_F(JourneyTest, AKnownMrnWithOtherInitialsIsRefused) {
  const World w = seed_world("j6", "J0006");
  new_journey(w, "MRN-J6");

  auto reply = log_in(w.coordinator)
                   .post("/api/v1/journeys",
                         json::object{{"site", w.site}, {"product", "kymriah"}, {"patient", patient("MRN-J6", "ZZ")}});

  EXPECT_EQ(reply.status, 409) << reply.raw;
  EXPECT_EQ(reply.error_code(), "PATIENT_MISMATCH");
}

TEST_F(JourneyTest, AnUnknownProductIsRefusedNamingTheField) {
  const World w = seed_world("j7", "J0007");

  auto reply = log_in(w.coordinator)
                   .post("/api/v1/journeys",
                         json::object{{"site", w.site}, {"product", "nope"}, {"patient", patient("MRN-J7")}});

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_field(), "product");
}

TEST_F(JourneyTest, AUnitsDinIsCheckedWithTheIsbt128Codec) {
  const World w = seed_world("j8", "J0008");
  const std::string coi = new_journey(w);
  auto coordinator = log_in(w.coordinator);

  auto short_din = coordinator.post("/api/v1/journeys/" + coi + "/units",
                                    json::object{{"kind", "apheresis_bag"}, {"din", "A99992680001"}});
  auto lowercase = coordinator.post("/api/v1/journeys/" + coi + "/units",
                                    json::object{{"kind", "apheresis_bag"}, {"din", "a999926800001"}});
  auto bad_code =
      coordinator.post("/api/v1/journeys/" + coi + "/units",
                       json::object{{"kind", "bag"}, {"din", "A999926800002"}, {"product_code", "S1194!00"}});
  auto good = coordinator.post("/api/v1/journeys/" + coi + "/units", json::object{{"kind", "bag"},
                                                                                  {"din", "A999926800003"},
                                                                                  {"product_code", "S1194A00"},
                                                                                  {"expires_at", "2027-06-01"},
                                                                                  {"dose", 1}});

  EXPECT_EQ(short_din.status, 400) << short_din.raw;
  EXPECT_EQ(short_din.error_field(), "din");
  EXPECT_EQ(lowercase.status, 400) << lowercase.raw;
  EXPECT_EQ(lowercase.error_field(), "din");
  EXPECT_EQ(bad_code.status, 400) << bad_code.raw;
  EXPECT_EQ(bad_code.error_field(), "product_code");
  ASSERT_EQ(good.status, 201) << good.raw;
  EXPECT_EQ(good.text("key"), "A999926800003/S1194A00");
  EXPECT_EQ(good.text("expires_at"), "2027-06-02T00:00:00Z");  // a date: to the end of that day
}

TEST_F(JourneyTest, ADinBelongsToOneJourneyOnly) {
  const World w = seed_world("j9", "J0009");
  const std::string first = new_journey(w, "MRN-J9-1");
  const std::string second = new_journey(w, "MRN-J9-2");
  add_apheresis_bag(w, first, "A999926900001");

  auto reply = log_in(w.coordinator)
                   .post("/api/v1/journeys/" + second + "/units",
                         json::object{{"kind", "apheresis_bag"}, {"din", "A999926900001"}});

  EXPECT_EQ(reply.status, 409) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNIT_EXISTS");
}

TEST_F(JourneyTest, TheJourneyShowsPatientUnitsEventsAndOpenDeadlines) {
  const World w = seed_world("j10", "J0010");
  const std::string coi = new_journey(w, "MRN12345");
  add_apheresis_bag(w, coi, "A999926100010");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "j10-order")).status, 200);

  auto reply = log_in(w.coordinator).get("/api/v1/journeys/" + coi);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("patient").at("mrn"), "MRN12345");
  EXPECT_EQ(reply.body.at("patient").at("initials"), "JD");
  ASSERT_EQ(reply.body.at("units").as_array().size(), 1u);
  EXPECT_EQ(reply.body.at("units").at(0).at("din"), "A999926100010");
  const auto& events = reply.body.at("events").as_array();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("seq"), 1);
  EXPECT_EQ(events[0].at("step"), "order");
  EXPECT_EQ(events[0].at("station"), w.station.c_str());
  EXPECT_EQ(events[0].at("operators").at(0), w.coordinator.c_str());
  EXPECT_EQ(events[0].at("decision").at("decision"), "accepted");
  EXPECT_TRUE(reply.body.at("open_deviations").is_array());
  bool collect_open = false;
  for (const auto& open : reply.body.at("deadlines").at("open").as_array()) {
    if (open.at("step") == "apheresis.collect") collect_open = true;
  }
  EXPECT_TRUE(collect_open) << reply.raw;
}

TEST_F(JourneyTest, AJourneyOfAnotherSiteIsNotFound) {
  const World w = seed_world("j11", "J0011");
  const World other = seed_world("j11b", "J0111");
  const std::string coi = new_journey(w);

  auto view = log_in(other.coordinator).get("/api/v1/journeys/" + coi);
  auto unit = log_in(other.coordinator)
                  .post("/api/v1/journeys/" + coi + "/units", json::object{{"kind", "shipper"}, {"id", "SHIP-J11"}});

  EXPECT_EQ(view.status, 404) << view.raw;
  EXPECT_EQ(view.error_code(), "UNKNOWN_JOURNEY");
  EXPECT_EQ(unit.status, 404) << unit.raw;
}

TEST_F(JourneyTest, TheListHoldsOnlyTheCallersSitesAndFilters) {
  const World w = seed_world("j12", "J0012");
  const World other = seed_world("j12b", "J0121");
  const std::string mine = new_journey(w, "MRN-J12");
  const std::string theirs = new_journey(other, "MRN-J12B");

  auto all = log_in(w.coordinator).get("/api/v1/journeys");
  auto filtered = log_in(w.coordinator).get("/api/v1/journeys?product=yescarta");

  ASSERT_EQ(all.status, 200) << all.raw;
  EXPECT_NE(all.raw.find(mine), std::string::npos);
  EXPECT_EQ(all.raw.find(theirs), std::string::npos);
  ASSERT_EQ(filtered.status, 200) << filtered.raw;
  EXPECT_TRUE(filtered.body.at("journeys").as_array().empty()) << filtered.raw;
}

}  // namespace
}  // namespace cj::testing
