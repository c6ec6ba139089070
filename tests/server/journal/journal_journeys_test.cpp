// Patients, journeys (their Chain of Identity identifiers), units, and loading a journey back
// in the shapes the workflows engine takes.
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "server/journal/load_journey.h"
#include "tests/server/journal/journal_test_world.h"
#include "tests/workflows/test_support.h"
#include "workflows/engine.h"

namespace cj::testing {
namespace {

std::string two_digit_year(pqxx::connection_base& conn) {
  return query_text(conn, "SELECT lpad((extract(year FROM now() AT TIME ZONE 'UTC')::integer % 100)::text, 2, '0')");
}

TEST_F(JournalTest, TheFirstCoiOfASiteInAYearIsSequenceOneAndTheNextIncrements) {
  const std::string yy = two_digit_year(conn_);
  const auto first = new_journey();
  const auto second = new_journey();
  EXPECT_EQ(first.coi, "CHA9999" + yy + "000001");
  EXPECT_EQ(second.coi, "CHA9999" + yy + "000002");
  EXPECT_NE(first.id, second.id);
}

TEST_F(JournalTest, JourneysCreatedConcurrentlyGetDistinctConsecutiveCois) {
  const std::string yy = two_digit_year(conn_);
  constexpr int kThreads = 4;
  constexpr int kEach = 5;
  std::vector<std::string> cois[kThreads];
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      pqxx::connection conn(uri());
      for (int i = 0; i < kEach; ++i) {
        pqxx::work tx(conn);
        auto journey = journal::create_journey(tx, site_id_, patient_id_, "kymriah", user_id_);
        ASSERT_TRUE(journey.ok()) << journey.error().to_string();
        tx.commit();
        cois[t].push_back(journey->coi);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  for (const auto& list : cois) all.insert(list.begin(), list.end());
  std::set<std::string> expected;
  for (int n = 1; n <= kThreads * kEach; ++n) {
    expected.insert("CHA9999" + yy + std::string(n < 10 ? "00000" : "0000") + std::to_string(n));
  }
  EXPECT_EQ(all, expected);
}

TEST_F(JournalTest, EachSiteCountsItsOwnCois) {
  const std::string yy = two_digit_year(conn_);
  new_journey();
  pqxx::work tx(conn_);
  const auto other_site = add_site(tx, "other-hospital", "B1234");
  // The same MRN at another site is another patient.
  auto patient_id = journal::create_patient(tx, patient_of(other_site, "MRN12345", "AB"));
  ASSERT_TRUE(patient_id.ok()) << patient_id.error().to_string();
  auto journey = journal::create_journey(tx, other_site, *patient_id, "yescarta", user_id_);
  ASSERT_TRUE(journey.ok()) << journey.error().to_string();
  EXPECT_EQ(journey->coi, "CHB1234" + yy + "000001");
}

TEST_F(JournalTest, AJourneyIsForAPatientOfItsOwnSite) {
  pqxx::work tx(conn_);
  const auto other_site = add_site(tx, "other-hospital", "B1234");
  auto journey = journal::create_journey(tx, other_site, patient_id_, "kymriah", user_id_);
  ASSERT_FALSE(journey.ok());
  EXPECT_EQ(journey.error().code(), storage::Status::Code::kInvalidArgument);
  auto unknown_user = journal::create_journey(tx, site_id_, patient_id_, "kymriah", 999999);
  EXPECT_EQ(unknown_user.error().code(), storage::Status::Code::kNotFound);
}

TEST_F(JournalTest, APatientIsRegisteredOncePerSiteAndFoundByMrn) {
  pqxx::work tx(conn_);
  auto duplicate = journal::create_patient(tx, patient_of(site_id_, "MRN12345", "XY"));
  EXPECT_EQ(duplicate.error().code(), storage::Status::Code::kAlreadyExists);

  auto found = journal::find_patient(tx, site_id_, "MRN12345");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, patient_id_);
  EXPECT_EQ(found->initials, "JD");
  EXPECT_EQ(found->wristband_text(), "MRN12345");
  EXPECT_EQ(journal::find_patient(tx, site_id_, "MRN00000").error().code(), storage::Status::Code::kNotFound);
}

TEST_F(JournalTest, AnIsbt128UnitIsRegisteredOnce) {
  const auto journey = new_journey();
  const auto other = new_journey();
  pqxx::work tx(conn_);
  journal::NewUnit bag;
  bag.journey_id = journey.id;
  bag.kind = "bag";
  bag.din = "A999926123456";
  bag.product_code = "S1194A00";
  ASSERT_TRUE(journal::register_unit(tx, bag).ok());
  bag.journey_id = other.id;  // the same bag cannot belong to another journey too
  EXPECT_EQ(journal::register_unit(tx, bag).error().code(), storage::Status::Code::kAlreadyExists);
  bag.product_code = "S1194B00";  // nor another product of the same collection (DIN)
  EXPECT_EQ(journal::register_unit(tx, bag).error().code(), storage::Status::Code::kAlreadyExists);
  bag.journey_id = journey.id;  // in its own journey it is a second bag of that collection
  EXPECT_TRUE(journal::register_unit(tx, bag).ok());

  journal::NewUnit shipper;
  shipper.journey_id = journey.id;
  shipper.kind = "shipper";
  shipper.external_id = "SHIP-0001";
  ASSERT_TRUE(journal::register_unit(tx, shipper).ok());
  shipper.journey_id = other.id;  // shippers are reused across journeys
  auto other_shipper = journal::register_unit(tx, shipper);
  ASSERT_TRUE(other_shipper.ok());

  journal::NewUnit cassette;
  cassette.journey_id = journey.id;
  cassette.kind = "cassette";
  cassette.external_id = "CAS-0001";
  cassette.parent_unit_id = *other_shipper;  // packed in another journey's shipper: no
  EXPECT_EQ(journal::register_unit(tx, cassette).error().code(), storage::Status::Code::kInvalidArgument);

  journal::NewUnit nameless;
  nameless.journey_id = journey.id;
  nameless.kind = "bag";
  EXPECT_EQ(journal::register_unit(tx, nameless).error().code(), storage::Status::Code::kInvalidArgument);
  nameless.kind = "bucket";
  nameless.external_id = "B-1";
  EXPECT_EQ(journal::register_unit(tx, nameless).error().code(), storage::Status::Code::kInvalidArgument);
}

TEST_F(JournalTest, ALoadedJourneyGivesTheEngineItsIdentityAndAcceptedHistory) {
  using namespace workflows;
  const auto journey = new_journey();
  {
    pqxx::work tx(conn_);
    journal::NewUnit bag;
    bag.journey_id = journey.id;
    bag.kind = "apheresis_bag";
    bag.din = "A999926100001";
    ASSERT_TRUE(journal::register_unit(tx, bag).ok());
    tx.commit();
  }
  const SiteConfig site = workflows::testing::test_site();
  const Definition definition = workflows::testing::test_product("kymriah", site);
  Context context = workflows::testing::test_context("kymriah");

  auto load = [&] {
    pqxx::read_transaction tx(conn_);
    auto loaded = journal::load_journey(tx, journey.id);
    EXPECT_TRUE(loaded.ok()) << loaded.error().to_string();
    return std::move(loaded).value();
  };
  auto loaded = load();
  EXPECT_EQ(loaded.identity.coi, journey.coi);
  EXPECT_EQ(loaded.identity.wristband, "MRN12345");
  ASSERT_EQ(loaded.identity.units.size(), 1u);
  EXPECT_EQ(loaded.identity.units[0].key(), "A999926100001");
  context.journey = loaded.identity;

  Event order;
  order.journey = journey.coi;
  order.step = "order";
  order.occurred_at = *parse_time("2026-10-01T09:00:00Z");
  order.station = "ST-1";
  order.operators = {"cora"};
  order.data = {{"order_reference", "PO-1"}};
  const TimePoint now = *parse_time("2026-10-05T13:00:00Z");
  const Decision ordered = evaluate(definition, site, journal::history(loaded, definition), order, context, now);
  ASSERT_TRUE(ordered.accepted);
  const auto appended = append({journey.id, order, std::nullopt, ordered, std::nullopt, std::nullopt});

  Event collect = order;
  collect.step = "apheresis.collect";
  collect.occurred_at = *parse_time("2026-10-05T12:00:00Z");
  collect.operators = {"ann"};
  collect.scans = {"=A99992610000100", "&#0008MRN12345"};
  collect.data = {{"volume_ml", 250}};
  // Without the order in its history the engine would call the collection out of order...
  const Decision without = evaluate(definition, site, {}, collect, context, now);
  ASSERT_FALSE(without.deviations.empty());
  EXPECT_EQ(without.deviations[0].code, Code::OutOfOrder);
  // ... with the loaded history it sees the order.
  loaded = load();
  const History history = journal::history(loaded, definition);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].event_id, appended.event_id);
  EXPECT_EQ(history[0].event.step, "order");
  EXPECT_EQ(history[0].event.occurred_at, order.occurred_at);
  const Decision collected = evaluate(definition, site, history, collect, context, now);
  EXPECT_TRUE(collected.accepted);
  EXPECT_TRUE(collected.deviations.empty()) << collected.deviations[0].message;
  EXPECT_EQ(collected.units, std::vector<std::string>{"A999926100001"});
}

TEST_F(JournalTest, ALoadedJourneyListsEveryEventInOrderAndItsOpenDeviations) {
  const auto journey = new_journey();
  append(accepted_event(journey, "order"));
  auto refused = accepted_event(journey, "product.thaw", 5);
  refused.decision.accepted = false;
  refused.decision.refusals = {deviation(workflows::Code::CoiMismatch, "wrong patient", "core/identity")};
  append(refused);
  auto late = accepted_event(journey, "apheresis.collect", 10);
  late.decision.deviations = {deviation(workflows::Code::WindowExceeded, "late", "kymriah/late")};
  append(late);

  pqxx::read_transaction tx(conn_);
  auto loaded = journal::load_journey(tx, journey.coi);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->events.size(), 3u);
  EXPECT_EQ(loaded->events[0].seq, 1);
  EXPECT_EQ(loaded->events[1].seq, 2);
  EXPECT_FALSE(loaded->events[1].accepted);
  EXPECT_EQ(loaded->events[2].event.step, "apheresis.collect");
  EXPECT_EQ(loaded->events[0].event.data.at("temperature_c").to_number<double>(), -152.0);
  ASSERT_EQ(loaded->open_deviations.size(), 1u);
  EXPECT_EQ(loaded->open_deviations[0].code, "WINDOW_EXCEEDED");
  EXPECT_EQ(loaded->open_deviations[0].event_id, loaded->events[2].id);
  EXPECT_EQ(journal::load_journey(tx, "CHZ99992600009").error().code(), storage::Status::Code::kNotFound);
}

}  // namespace
}  // namespace cj::testing
