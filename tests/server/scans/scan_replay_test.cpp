// Idempotency keys on POST /api/v1/scans: a station's outbox resends a scan until it gets an
// answer; the same key answers with the first answer, byte for byte, and records nothing new.
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/journey_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class ScanReplayTest : public JourneySuite {};

TEST_F(ScanReplayTest, ReplayingAKeyReturnsTheIdenticalAnswerAndStoresOneEvent) {
  const World w = seed_world("s4", "S0004");
  const std::string coi = new_journey(w);

  auto first = station_of(w).post("/api/v1/scans", order_event(w, coi, "s4-order"));
  auto again = station_of(w).post("/api/v1/scans", order_event(w, coi, "s4-order"));

  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.raw, first.raw);
  EXPECT_EQ(recorded(coi), "1/0");
}

TEST_F(ScanReplayTest, ReplayingARefusedScanReturnsThe422AgainAndStoresOneRefusal) {
  const World w = seed_world("s5", "S0005");
  const std::string coi = new_journey(w);
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "s5-order")).status, 200);

  auto first = station_of(w).post("/api/v1/scans", collect_event(w, coi, "A999926500009", "s5-unknown-bag"));
  auto again = station_of(w).post("/api/v1/scans", collect_event(w, coi, "A999926500009", "s5-unknown-bag"));

  ASSERT_EQ(first.status, 422) << first.raw;
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.raw, first.raw);
  EXPECT_EQ(recorded(coi), "1/1");
}

TEST_F(ScanReplayTest, TwoConcurrentPostsOfOneKeyStoreOneEvent) {
  const World w = seed_world("s6", "S0006");
  const std::string coi = new_journey(w);
  const auto body = order_event(w, coi, "s6-order");
  ApiReply a, b;

  std::thread first([&] { a = station_of(w).post("/api/v1/scans", body); });
  std::thread second([&] { b = station_of(w).post("/api/v1/scans", body); });
  first.join();
  second.join();

  EXPECT_EQ(a.status, 200) << a.raw;
  EXPECT_EQ(b.status, 200) << b.raw;
  EXPECT_EQ(a.raw, b.raw);
  EXPECT_EQ(recorded(coi), "1/0");
}

TEST_F(ScanReplayTest, AKeyUsedAgainForAnotherRequestIsAConflict) {
  const World w = seed_world("s7", "S0007");
  const std::string coi = new_journey(w);
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "s7-key")).status, 200);
  auto other = order_event(w, coi, "s7-key");
  other["occurred_at"] = "2026-10-01T09:05:00Z";

  auto reply = station_of(w).post("/api/v1/scans", other);

  EXPECT_EQ(reply.status, 409) << reply.raw;
  EXPECT_EQ(reply.error_code(), "IDEMPOTENCY_KEY_REUSED");
  EXPECT_EQ(recorded(coi), "1/0");
}

TEST_F(ScanReplayTest, AScanWithoutAnIdempotencyKeyIsRefusedWith400) {
  const World w = seed_world("s12", "S0012");
  const std::string coi = new_journey(w);
  auto body = order_event(w, coi, "unused");
  body.erase("idempotency_key");

  auto reply = station_of(w).post("/api/v1/scans", body);

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_field(), "idempotency_key");
}

}  // namespace
}  // namespace cj::testing
