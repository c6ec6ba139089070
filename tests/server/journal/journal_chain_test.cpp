// Appending events: each journey's events form one SHA-256 chain, refused events included;
// deviations are written with their event, in the same transaction; concurrent appends queue.
#include <barrier>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "server/journal/canonical_json.h"
#include "server/journal/hash.h"
#include "server/journal/verify_chains.h"
#include "tests/server/journal/journal_test_world.h"

namespace cj::testing {
namespace {

struct ChainRow {
  int seq;
  std::string prev_hash;
  std::string hash;
  std::string canonical;
  std::string decision;
};

std::vector<ChainRow> chain_of(pqxx::connection_base& conn, std::int64_t journey_id) {
  pqxx::read_transaction tx(conn);
  std::vector<ChainRow> rows;
  for (const auto& r : tx.exec_params("SELECT seq, encode(prev_hash, 'hex'), encode(hash, 'hex'), canonical, decision"
                                      " FROM events WHERE journey_id = $1 ORDER BY seq",
                                      journey_id)) {
    rows.push_back({r[0].as<int>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                    r[4].as<std::string>()});
  }
  return rows;
}

TEST_F(JournalTest, EventsChainEachHashOverThePreviousHashAndTheCanonicalRecord) {
  const auto journey = new_journey();
  const auto first = append(accepted_event(journey, "order"));
  const auto second = append(accepted_event(journey, "apheresis.collect", 5));
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(second.seq, 2);

  const auto rows = chain_of(conn_, journey.id);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].prev_hash, std::string(64, '0'));
  EXPECT_EQ(rows[0].hash, journal::to_hex(journal::chain_hash(journal::zero_hash(), rows[0].canonical)));
  EXPECT_EQ(rows[1].prev_hash, rows[0].hash);
  EXPECT_EQ(rows[1].hash, journal::to_hex(journal::chain_hash(*journal::from_hex(rows[0].hash), rows[1].canonical)));
  EXPECT_EQ(journal::to_hex(second.hash), rows[1].hash);
  // The journey row holds the head of its chain.
  EXPECT_EQ(query_text(conn_, "SELECT chain_seq || ' ' || encode(chain_head, 'hex') FROM journeys WHERE id = " +
                                  std::to_string(journey.id)),
            "2 " + rows[1].hash);
}

TEST_F(JournalTest, TheChainCanBeCheckedInPlainSqlAsDocsAuditMdShows) {
  const auto journey = new_journey();
  for (int i = 0; i < 3; ++i) append(accepted_event(journey, "apheresis.collect", i));
  pqxx::read_transaction tx(conn_);
  const auto rows = tx.exec_params(
      "SELECT seq, hash = sha256(prev_hash || convert_to(canonical, 'UTF8')) AS hash_ok,"
      " prev_hash = coalesce(lag(hash) OVER (ORDER BY seq), decode(repeat('00', 32), 'hex')) AS link_ok"
      " FROM events WHERE journey_id = $1 ORDER BY seq",
      journey.id);
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& row : rows) {
    EXPECT_TRUE(row[1].as<bool>()) << "seq " << row[0].as<int>();
    EXPECT_TRUE(row[2].as<bool>()) << "seq " << row[0].as<int>();
  }
}

TEST_F(JournalTest, TheCanonicalRecordHasSortedKeysNoWhitespaceAndMicrosecondUtcTimes) {
  const auto journey = new_journey();
  append(accepted_event(journey, "order"));
  const std::string canonical = chain_of(conn_, journey.id)[0].canonical;
  EXPECT_EQ(canonical.rfind("{\"correction_reason\":null,\"corrects_event_id\":null,\"data\":{\"order_reference\":"
                            "\"PO-1\",\"temperature_c\":-1.52E2},\"decision\":\"accepted\",\"decision_json\":{",
                            0),
            0u)
      << canonical;
  EXPECT_NE(canonical.find(",\"journey\":\"" + journey.coi +
                           "\",\"occurred_at\":\"2026-10-01T09:00:00.000000Z\","
                           "\"operators\":[\"cora\"],\"recorded_at\":\""),
            std::string::npos)
      << canonical;
  EXPECT_NE(canonical.find(",\"scans\":[],\"seq\":1,\"station\":\"ST-1\",\"station_id\":null,\"step\":\"order\","
                           "\"units\":[],\"v\":1}"),
            std::string::npos)
      << canonical;
  EXPECT_EQ(canonical.find(' '), std::string::npos);
  EXPECT_EQ(journal::canonical_json(boost::json::parse(canonical)), canonical);
}

TEST_F(JournalTest, ARefusedEventIsRecordedWithItsRefusalsInTheChain) {
  const auto journey = new_journey();
  append(accepted_event(journey, "order"));
  auto thaw = accepted_event(journey, "product.thaw", 5);
  thaw.decision.accepted = false;
  thaw.decision.refusals = {deviation(workflows::Code::CoiMismatch, "WRONG PATIENT", "core/identity")};
  const auto refused = append(thaw);
  append(accepted_event(journey, "apheresis.collect", 10));

  const auto rows = chain_of(conn_, journey.id);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(refused.seq, 2);
  EXPECT_EQ(rows[1].decision, "refused");
  EXPECT_NE(rows[1].canonical.find("\"code\":\"COI_MISMATCH\""), std::string::npos) << rows[1].canonical;
  EXPECT_EQ(rows[2].prev_hash, rows[1].hash);
  EXPECT_EQ(query_text(conn_, "SELECT count(*) FROM deviations"), "0");  // a refusal is not a deviation
  EXPECT_TRUE(journal::verify_chains(conn_).intact());
}

TEST_F(JournalTest, DeviationsAreStoredWithTheirEventAsOpenWithARaisedEntry) {
  const auto journey = new_journey();
  auto late = accepted_event(journey, "infusion.end");
  late.decision.deviations = {
      deviation(workflows::Code::WindowExceeded, "infusion ended 41 min after thaw; Kymriah allows 30 min",
                "kymriah/thaw-to-infusion-end"),
      deviation(workflows::Code::MissingWitness, "one operator", "core/witnesses")};
  const auto appended = append(late);
  ASSERT_EQ(appended.deviation_ids.size(), 2u);

  pqxx::read_transaction tx(conn_);
  const auto rows = tx.exec_params(
      "SELECT d.event_id, d.code, d.severity, d.rule, d.status, de.action FROM deviations d"
      " JOIN deviation_events de ON de.deviation_id = d.id WHERE d.journey_id = $1 ORDER BY d.id",
      journey.id);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0].as<std::int64_t>(), appended.event_id);
  EXPECT_EQ(rows[0][1].as<std::string>(), "WINDOW_EXCEEDED");
  EXPECT_EQ(rows[0][2].as<std::string>(), "major");
  EXPECT_EQ(rows[0][3].as<std::string>(), "kymriah/thaw-to-infusion-end");
  EXPECT_EQ(rows[0][4].as<std::string>(), "open");
  EXPECT_EQ(rows[0][5].as<std::string>(), "raised");
  EXPECT_EQ(rows[1][1].as<std::string>(), "MISSING_WITNESS");
}

TEST_F(JournalTest, AFailureAfterTheEventInsertRollsBackTheEventAndItsDeviations) {
  const auto journey = new_journey();
  append(accepted_event(journey, "order"));
  auto broken = accepted_event(journey, "infusion.end", 5);
  broken.decision.deviations = {deviation(workflows::Code::WindowExceeded, "late", "kymriah/window"),
                                deviation(workflows::Code::MissingWitness, "alone", "")};  // empty rule: rejected
  {
    pqxx::work tx(conn_);
    EXPECT_THROW((void)journal::append_event(tx, broken), pqxx::check_violation);
  }
  EXPECT_EQ(query_text(conn_, "SELECT count(*) FROM events"), "1");
  EXPECT_EQ(query_text(conn_, "SELECT count(*) FROM deviations"), "0");
  EXPECT_EQ(query_text(conn_, "SELECT chain_seq FROM journeys WHERE id = " + std::to_string(journey.id)), "1");
  // The chain carries on from the last committed event.
  EXPECT_EQ(append(accepted_event(journey, "apheresis.collect", 10)).seq, 2);
  EXPECT_TRUE(journal::verify_chains(conn_).intact());
}

TEST_F(JournalTest, AnEventMustNameItsJourneyAndACorrectionItsReason) {
  const auto journey = new_journey();
  const auto other = new_journey();
  const auto first = append(accepted_event(journey, "order"));
  pqxx::work tx(conn_);
  auto wrong = accepted_event(journey, "order");
  wrong.event.journey = other.coi;
  EXPECT_EQ(journal::append_event(tx, wrong).error().code(), storage::Status::Code::kInvalidArgument);

  auto correction = accepted_event(journey, "correction", 5);
  correction.corrects_event_id = first.event_id;
  EXPECT_EQ(journal::append_event(tx, correction).error().code(), storage::Status::Code::kInvalidArgument);
  correction.correction_reason = "order reference mistyped";
  auto corrected = journal::append_event(tx, correction);
  ASSERT_TRUE(corrected.ok()) << corrected.error().to_string();

  auto elsewhere = accepted_event(other, "correction", 5);
  elsewhere.corrects_event_id = first.event_id;
  elsewhere.correction_reason = "not its event";
  EXPECT_EQ(journal::append_event(tx, elsewhere).error().code(), storage::Status::Code::kInvalidArgument);

  auto nul = accepted_event(journey, "order");
  nul.event.scans = {std::string("=A9999\0", 7)};
  EXPECT_EQ(journal::append_event(tx, nul).error().code(), storage::Status::Code::kInvalidArgument);
  auto missing = accepted_event(journey, "order");
  missing.journey_id = 999999;
  EXPECT_EQ(journal::append_event(tx, missing).error().code(), storage::Status::Code::kNotFound);
}

TEST_F(JournalTest, ALockedJourneyMakesOtherAppendsWaitUntilTheLockHolderEnds) {
  const auto journey = new_journey();
  pqxx::work holder(conn_);
  ASSERT_TRUE(journal::lock_journey(holder, journey.id).ok());

  pqxx::connection other(uri());
  pqxx::work waiting(other);
  waiting.exec("SET LOCAL lock_timeout = '200ms'");
  try {
    (void)journal::append_event(waiting, accepted_event(journey, "order"));
    ADD_FAILURE() << "the append did not wait for the lock";
  } catch (const pqxx::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "55P03") << e.what();  // lock_not_available
  }
  EXPECT_EQ(journal::lock_journey(holder, 999999).code(), storage::Status::Code::kNotFound);
}

TEST_F(JournalTest, EightThreadsAppendingToOneJourneyMakeOneUnbrokenChain) {
  const auto journey = new_journey();
  constexpr int kThreads = 8;
  constexpr int kEach = 12;
  std::barrier start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      pqxx::connection conn(uri());
      start.arrive_and_wait();
      for (int i = 0; i < kEach; ++i) append_on(conn, accepted_event(journey, "apheresis.collect", t * 100 + i));
    });
  }
  for (auto& thread : threads) thread.join();

  const auto rows = chain_of(conn_, journey.id);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kThreads * kEach));
  std::string prev(64, '0');
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, static_cast<int>(i + 1));
    EXPECT_EQ(rows[i].prev_hash, prev) << "seq " << rows[i].seq;
    prev = rows[i].hash;
  }
  const auto report = journal::verify_chains(conn_);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.events_checked, kThreads * kEach);
}

}  // namespace
}  // namespace cj::testing
