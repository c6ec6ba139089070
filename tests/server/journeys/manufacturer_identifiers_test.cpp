// The manufacturer's identifiers of a journey (server/journeys/manufacturer_identifiers.h,
// migration 0015): given at creation with the treating physician, checked against the product's
// definition, shown with the journey, found by the journey list and the board, exported in the
// registry CSV, and changed only with a reason, the old value kept.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/server/exports/csv_rows.h"
#include "tests/support/journey_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using exports::testing::csv_row;

class ManufacturerIdentifiersTest : public JourneySuite {
 protected:
  static json::object new_journey(const World& w, const std::string& mrn, json::array identifiers) {
    return json::object{{"site", w.site},
                        {"product", "kymriah"},
                        {"physician", "Dr. P. Physician"},
                        {"patient", json::object{{"mrn", mrn}, {"initials", "JD"}}},
                        {"identifiers", std::move(identifiers)}};
  }
  static json::object id(const char* kind, const std::string& value) {
    return json::object{{"kind", kind}, {"value", value}};
  }
  /// The journey's current identifiers as {kind: value}.
  static std::map<std::string, std::string> current(const ApiReply& journey) {
    std::map<std::string, std::string> out;
    for (const auto& item : journey.body.at("identifiers").as_array())
      out[std::string(item.at("kind").as_string())] = std::string(item.at("value").as_string());
    return out;
  }
  static std::vector<std::string> cois_of(const ApiReply& reply, const char* list) {
    std::vector<std::string> out;
    for (const auto& j : reply.body.at(list).as_array()) out.emplace_back(j.at("coi").as_string());
    return out;
  }
};

TEST_F(ManufacturerIdentifiersTest, AJourneyKeepsTheManufacturersIdsAndThePhysicianWithItsCoi) {
  const World w = seed_world("mi1", "M0001");
  const auto cora = log_in(w.coordinator);

  auto created = cora.post(
      "/api/v1/journeys",
      new_journey(w, "MRN-MI1", json::array{id("order_id", "NVS-ORD-7781"), id("manufacturer_coi", "CCI-00042")}));

  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.text("physician"), "Dr. P. Physician");
  const auto& first = created.body.at("identifiers").at(0);
  EXPECT_EQ(first.at("kind"), "order_id");
  EXPECT_EQ(first.at("label"), "Novartis order or enrolment ID");
  EXPECT_EQ(first.at("value"), "NVS-ORD-7781");
  EXPECT_EQ(first.at("recorded_by").as_string(), w.coordinator);
  auto shown = cora.get("/api/v1/journeys/" + created.text("coi"));
  EXPECT_EQ(current(shown),
            (std::map<std::string, std::string>{{"order_id", "NVS-ORD-7781"}, {"manufacturer_coi", "CCI-00042"}}));
  EXPECT_EQ(shown.text("physician"), "Dr. P. Physician");
}

TEST_F(ManufacturerIdentifiersTest, AKindTheProductDoesNotDeclareIsRefusedNamingTheFieldAndTheKinds) {
  const World w = seed_world("mi2", "M0002");

  auto reply = log_in(w.coordinator)
                   .post("/api/v1/journeys",
                         new_journey(w, "MRN-MI2", json::array{id("order_id", "A-1"), id("kite_coi", "K-1")}));

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "INVALID_FIELD");
  EXPECT_EQ(reply.error_field(), "identifiers[1].kind");
  EXPECT_NE(reply.raw.find("order_id (Novartis order or enrolment ID), manufacturer_coi"), std::string::npos)
      << reply.raw;
  EXPECT_EQ(sql("SELECT count(*) FROM patients WHERE mrn = 'MRN-MI2'"), "0") << "nothing is written";
}

TEST_F(ManufacturerIdentifiersTest, AValueWithAControlCharacterOrGivenTwiceIsRefused) {
  const World w = seed_world("mi3", "M0003");
  const auto cora = log_in(w.coordinator);

  auto gs = cora.post("/api/v1/journeys", new_journey(w, "MRN-MI3",
                                                      json::array{id("batch",
                                                                     "LOT\x1d"
                                                                     "77")}));
  EXPECT_EQ(gs.status, 400) << gs.raw;
  EXPECT_EQ(gs.error_field(), "identifiers[0].value");

  auto twice =
      cora.post("/api/v1/journeys", new_journey(w, "MRN-MI3", json::array{id("batch", "L1"), id("batch", "L2")}));
  EXPECT_EQ(twice.status, 400) << twice.raw;
  EXPECT_EQ(twice.error_field(), "identifiers[1].kind");
}

TEST_F(ManufacturerIdentifiersTest, TheJourneyListAndTheBoardFindAJourneyByAnyOfItsIdentifiers) {
  const World w = seed_world("mi4", "M0004");
  const auto cora = log_in(w.coordinator);
  const auto one = cora.post("/api/v1/journeys",
                             new_journey(w, "MRN-MI4A", json::array{id("order_id", "ORD-4A"), id("batch", "LOT-4A")}))
                       .text("coi");
  const auto other =
      cora.post("/api/v1/journeys", new_journey(w, "MRN-MI4B", json::array{id("order_id", "ORD-4B")})).text("coi");

  EXPECT_EQ(cois_of(cora.get("/api/v1/journeys?identifier=ORD-4A"), "journeys"), std::vector<std::string>{one});
  EXPECT_EQ(cois_of(cora.get("/api/v1/journeys?identifier=LOT-4A"), "journeys"), std::vector<std::string>{one});
  EXPECT_EQ(cois_of(cora.get("/api/v1/board?identifier=ORD-4B"), "journeys"), std::vector<std::string>{other});
  EXPECT_TRUE(cois_of(cora.get("/api/v1/board?identifier=ORD-4"), "journeys").empty()) << "exact values only";
}

TEST_F(ManufacturerIdentifiersTest, AnotherSitesCoordinatorDoesNotFindTheJourneyByItsIdentifier) {
  const World w = seed_world("mi5", "M0005");
  const World elsewhere = seed_world("mi5x", "M0055");
  log_in(w.coordinator).post("/api/v1/journeys", new_journey(w, "MRN-MI5", json::array{id("order_id", "ORD-5")}));

  EXPECT_TRUE(cois_of(log_in(elsewhere.coordinator).get("/api/v1/journeys?identifier=ORD-5"), "journeys").empty());
}

TEST_F(ManufacturerIdentifiersTest, AChangeNeedsAReasonAndKeepsTheOldValueWithWhoAndWhy) {
  const World w = seed_world("mi6", "M0006");
  const auto cora = log_in(w.coordinator);
  const auto coi =
      cora.post("/api/v1/journeys", new_journey(w, "MRN-MI6", json::array{id("order_id", "ORD-6-TYPO")})).text("coi");
  const std::string path = "/api/v1/journeys/" + coi + "/identifiers/order_id";

  auto silent = cora.put(path, json::object{{"value", "ORD-6"}});
  EXPECT_EQ(silent.status, 400) << silent.raw;
  EXPECT_EQ(silent.error_field(), "reason");

  auto changed = cora.put(path, json::object{{"value", "ORD-6"}, {"reason", "typed from the wrong fax"}});
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(changed.body.at("identifiers").at(0).at("value"), "ORD-6");
  const auto& history = changed.body.at("history").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].at("value"), "ORD-6-TYPO");
  EXPECT_EQ(history[1].at("reason"), "typed from the wrong fax");
  EXPECT_EQ(history[1].at("recorded_by").as_string(), w.coordinator);
  EXPECT_EQ(history[1].at("replaces_id"), history[0].at("id"));
  EXPECT_TRUE(cois_of(cora.get("/api/v1/journeys?identifier=ORD-6-TYPO"), "journeys").empty())
      << "a replaced value finds nothing";
  EXPECT_EQ(
      sql("SELECT count(*) FROM admin_log WHERE action = 'journey.identifier_change' AND subject = '" + coi + "'"),
      "1");
}

TEST_F(ManufacturerIdentifiersTest, AFirstValueAfterCreationNeedsNoReasonAndTheSameValueChangesNothing) {
  const World w = seed_world("mi7", "M0007");
  const auto cora = log_in(w.coordinator);
  const auto coi = cora.post("/api/v1/journeys", new_journey(w, "MRN-MI7", json::array{})).text("coi");
  const std::string path = "/api/v1/journeys/" + coi + "/identifiers/batch";

  auto added = cora.put(path, json::object{{"value", "LOT-7"}});
  ASSERT_EQ(added.status, 200) << added.raw;
  auto again = cora.put(path, json::object{{"value", "LOT-7"}, {"reason", "checked"}});
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body.at("history").as_array().size(), 1u);
}

TEST_F(ManufacturerIdentifiersTest, TheStoredRowsCannotBeUpdatedInPlace) {
  const World w = seed_world("mi8", "M0008");
  log_in(w.coordinator).post("/api/v1/journeys", new_journey(w, "MRN-MI8", json::array{id("order_id", "ORD-8")}));

  EXPECT_THROW(sql("UPDATE manufacturer_identifiers SET value = 'ORD-X' WHERE value = 'ORD-8'"), std::exception);
}

TEST_F(ManufacturerIdentifiersTest, TheRegistryCsvCarriesTheManufacturersIds) {
  const World w = seed_world("mi9", "M0009");
  const auto cora = log_in(w.coordinator);
  const auto coi = cora.post("/api/v1/journeys",
                             new_journey(w, "MRN-MI9", json::array{id("order_id", "ORD-9"), id("batch", "LOT-9")}))
                       .text("coi");

  auto csv = cora.get("/api/v1/journeys/" + coi + "/export?format=csv");

  ASSERT_EQ(csv.status, 200) << csv.raw;
  const auto row = csv_row(csv.raw, coi);
  ASSERT_FALSE(row.empty()) << csv.raw;
  EXPECT_EQ(row.at("manufacturer_order_id"), "ORD-9");
  EXPECT_EQ(row.at("manufacturer_batch"), "LOT-9");
  EXPECT_EQ(row.at("manufacturer_coi"), "");
}

}  // namespace
}  // namespace cj::testing
