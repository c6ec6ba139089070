// The hashing pool's bound (server/auth/hash_pool.h): beyond its queue it refuses at once, so
// that a login flood is answered 503 BUSY instead of growing a queue.
#include "server/auth/hash_pool.h"

#include <atomic>
#include <future>

#include <gtest/gtest.h>

namespace cj::auth {
namespace {

TEST(HashPool, BeyondItsQueueLimitPostRefusesAtOnceAndQueuedJobsStillRun) {
  HashPool pool(1, 2);
  std::promise<void> release;
  std::promise<void> started;
  auto gate = release.get_future().share();
  ASSERT_TRUE(pool.post([&started, gate] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();  // the one thread is busy
  std::atomic<int> ran{0};
  EXPECT_TRUE(pool.post([&] { ++ran; }));
  EXPECT_TRUE(pool.post([&] { ++ran; }));
  EXPECT_FALSE(pool.post([&] { ++ran; })) << "two waiting is the limit";
  release.set_value();
  pool.stop();
  EXPECT_EQ(ran.load(), 2);
  EXPECT_FALSE(pool.post([] {})) << "a stopped pool takes nothing";
}

}  // namespace
}  // namespace cj::auth
