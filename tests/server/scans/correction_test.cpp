// Events are never changed: a correction is a new event that names the one it corrects and why.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/journey_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class CorrectionTest : public JourneySuite {
 protected:
  static json::object correction(const World& w, const std::string& coi, const json::value& corrects) {
    return {{"journey", coi},
            {"step", "correction"},
            {"occurred_at", "2026-10-01T09:30:00Z"},
            {"operators", json::array{w.coordinator}},
            {"scans", json::array{}},
            {"data", json::object{{"corrects_event_id", corrects}, {"reason", "Order reference mistyped: PO-11"}}}};
  }
};

TEST_F(CorrectionTest, ACorrectionIsANewEventLinkedToTheOneItCorrects) {
  const World w = seed_world("c1", "C0001");
  const std::string coi = new_journey(w);
  auto order = order_event(w, coi, "c1-order");
  order.erase("station");
  auto coordinator = log_in(w.coordinator);
  const auto first = coordinator.post("/api/v1/journeys/" + coi + "/events", order);
  ASSERT_EQ(first.status, 200) << first.raw;
  const auto order_id = first.body.at("event_id").as_int64();

  const auto fixed = coordinator.post("/api/v1/journeys/" + coi + "/events", correction(w, coi, order_id));

  ASSERT_EQ(fixed.status, 200) << fixed.raw;
  const std::string id = json::serialize(fixed.body.at("event_id"));
  EXPECT_EQ(sql("SELECT corrects_event_id::text FROM events WHERE id = $1", id), std::to_string(order_id));
  EXPECT_EQ(sql("SELECT correction_reason FROM events WHERE id = $1", id), "Order reference mistyped: PO-11");
  // The corrected event is still there, unchanged.
  EXPECT_EQ(sql("SELECT data->>'order_reference' FROM events WHERE id = $1", std::to_string(order_id)), "PO-1");
}

TEST_F(CorrectionTest, ACorrectionOfAnotherJourneysEventIsRefusedAndTheRefusalRecorded) {
  const World w = seed_world("c2", "C0002");
  const std::string mine = new_journey(w, "MRN-C2A");
  const std::string other = new_journey(w, "MRN-C2B");
  auto order = order_event(w, other, "c2-order");
  order.erase("station");
  auto coordinator = log_in(w.coordinator);
  const auto elsewhere = coordinator.post("/api/v1/journeys/" + other + "/events", order);
  ASSERT_EQ(elsewhere.status, 200) << elsewhere.raw;

  const auto reply =
      coordinator.post("/api/v1/journeys/" + mine + "/events", correction(w, mine, elsewhere.body.at("event_id")));

  EXPECT_EQ(reply.status, 422) << reply.raw;
  EXPECT_EQ(reply.body.at("refusals").at(0).at("code"), "CORRECTION_INVALID");
  EXPECT_EQ(recorded(mine), "0/1");
}

}  // namespace
}  // namespace cj::testing
