// Idempotency keys: replaying a key returns the first answer and records nothing new, even
// when two copies arrive at once; the same key with another request is a conflict.
#include <atomic>
#include <barrier>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "server/journal/hash.h"
#include "server/journal/idempotency.h"
#include "tests/server/journal/journal_test_world.h"

namespace cj::testing {
namespace {

class IdempotencyTest : public JournalTest {
 protected:
  void SetUp() override {
    JournalTest::SetUp();
    journey_ = new_journey();
  }

  journal::IdempotentRequest request(const std::string& key, const std::string& body) const {
    return {key, "station:ST-1", journal::sha256(body)};
  }

  // What the scan endpoint will do: append the event, answer with its id and seq.
  journal::IdempotentWork scan(const std::string& key, std::chrono::milliseconds linger = {}) {
    return [this, key, linger](pqxx::transaction_base& tx) -> storage::Result<std::string> {
      ++runs_;
      auto event = accepted_event(journey_, "apheresis.collect");
      event.event.idempotency_key = key;
      auto appended = journal::append_event(tx, event);
      if (!appended.ok()) return appended.error();
      std::this_thread::sleep_for(linger);  // keep the transaction open: let a copy overlap it
      return "{\"decision\":\"accepted\",\"event_id\":" + std::to_string(appended->event_id) +
             ",\"seq\":" + std::to_string(appended->seq) + "}";
    };
  }

  std::string events_with_key(const std::string& key) {
    return query_text(conn_, "SELECT count(*) FROM events WHERE idempotency_key = " + conn_.quote(key));
  }

  journal::CreatedJourney journey_;
  std::atomic<int> runs_{0};
};

TEST_F(IdempotencyTest, TheSameKeyTwiceReturnsTheFirstResponseAndStoresOneEvent) {
  const auto first = journal::with_idempotency(conn_, request("k-1", "body"), scan("k-1"));
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_FALSE(first->replayed);
  const auto second = journal::with_idempotency(conn_, request("k-1", "body"), scan("k-1"));
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(second->response, first->response);
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(events_with_key("k-1"), "1");
}

TEST_F(IdempotencyTest, TwoConcurrentCopiesOfOneKeyStoreOneEvent) {
  constexpr int kCopies = 2;
  std::barrier start(kCopies);
  std::vector<std::string> responses(kCopies);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCopies; ++i) {
    threads.emplace_back([&, i] {
      pqxx::connection conn(uri());
      start.arrive_and_wait();
      auto answer =
          journal::with_idempotency(conn, request("k-2", "body"), scan("k-2", std::chrono::milliseconds(300)));
      EXPECT_TRUE(answer.ok()) << answer.error().to_string();
      if (answer.ok()) responses[i] = answer->response;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(responses[0], responses[1]);
  EXPECT_NE(responses[0], "");
  EXPECT_EQ(events_with_key("k-2"), "1");
  EXPECT_EQ(query_text(conn_, "SELECT count(*) FROM events"), "1");
}

TEST_F(IdempotencyTest, AKeyStoredMeanwhileByAnotherPathWinsAndThisRequestRollsBack) {
  // Another writer stores the key (committed) while this request runs, past the advisory lock.
  const auto answer = journal::with_idempotency(
      conn_, request("k-5", "body"), [&](pqxx::transaction_base& tx) -> storage::Result<std::string> {
        auto appended = journal::append_event(tx, accepted_event(journey_, "order"));
        EXPECT_TRUE(appended.ok());
        pqxx::connection other(uri());
        pqxx::work other_tx(other);
        other_tx.exec_params(
            "INSERT INTO idempotency (key, principal, request_hash, response)"
            " VALUES ('k-5', 'station:ST-1', decode($1, 'hex'), 'the first answer')",
            journal::to_hex(journal::sha256("body")));
        other_tx.commit();
        return std::string("this answer");
      });
  ASSERT_TRUE(answer.ok()) << answer.error().to_string();
  EXPECT_TRUE(answer->replayed);
  EXPECT_EQ(answer->response, "the first answer");
  EXPECT_EQ(query_text(conn_, "SELECT count(*) FROM events"), "0");
}

TEST_F(IdempotencyTest, TheSameKeyWithAnotherRequestIsAConflict) {
  ASSERT_TRUE(journal::with_idempotency(conn_, request("k-3", "body"), scan("k-3")).ok());
  const auto other_body = journal::with_idempotency(conn_, request("k-3", "another body"), scan("k-3"));
  EXPECT_EQ(other_body.error().code(), storage::Status::Code::kAlreadyExists);
  auto someone_else = request("k-3", "body");
  someone_else.principal = "station:ST-2";
  EXPECT_EQ(journal::with_idempotency(conn_, someone_else, scan("k-3")).error().code(),
            storage::Status::Code::kAlreadyExists);
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(events_with_key("k-3"), "1");
}

TEST_F(IdempotencyTest, AFailedRequestStoresNothingSoItsRetryRunsAgain) {
  auto append_then_fail = [&](pqxx::transaction_base& tx) -> storage::Result<std::string> {
    auto appended = journal::append_event(tx, accepted_event(journey_, "order"));
    EXPECT_TRUE(appended.ok());
    return storage::Status::invalid_argument("bad scan");
  };
  const auto failed = journal::with_idempotency(conn_, request("k-4", "body"), append_then_fail);
  EXPECT_EQ(failed.error().code(), storage::Status::Code::kInvalidArgument);
  EXPECT_EQ(query_text(conn_, "SELECT count(*) FROM events"), "0");  // rolled back with the failure
  const auto retried = journal::with_idempotency(conn_, request("k-4", "body"), scan("k-4"));
  ASSERT_TRUE(retried.ok());
  EXPECT_FALSE(retried->replayed);
  EXPECT_EQ(events_with_key("k-4"), "1");
}

TEST_F(IdempotencyTest, AKeyIsRequired) {
  EXPECT_EQ(journal::with_idempotency(conn_, request("", "body"), scan("")).error().code(),
            storage::Status::Code::kInvalidArgument);
  EXPECT_EQ(runs_, 0);
}

}  // namespace
}  // namespace cj::testing
