// The guessing limiter's arithmetic (server/auth/guess_limiter.h); the server's use of it is
// tested end to end in sign_in_test.cpp.
#include "server/auth/guess_limiter.h"

#include <gtest/gtest.h>

namespace cj::auth {
namespace {

using namespace std::chrono_literals;
using Outcome = GuessLimiter::Outcome;

// One attempt that fails; returns the delay it had to wait.
GuessLimiter::Clock::duration fail(GuessLimiter& limiter, const std::string& account, const std::string& address,
                                   GuessLimiter::Clock::time_point at) {
  const auto delay = limiter.begin(account, address, at);
  limiter.end(account, address, Outcome::kFailure, at);
  return delay;
}

TEST(GuessLimiter, AfterFiveFailuresOnAnAccountTheDelayDoublesUpTo30Seconds) {
  GuessLimiter limiter;
  const auto t = GuessLimiter::Clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(fail(limiter, "dora", "10.0.0." + std::to_string(i), t), 0s) << i;
  EXPECT_EQ(fail(limiter, "dora", "10.0.1.1", t), 1s);
  EXPECT_EQ(fail(limiter, "dora", "10.0.1.2", t), 2s);
  EXPECT_EQ(fail(limiter, "dora", "10.0.1.3", t), 4s);
  for (int i = 0; i < 10; ++i) fail(limiter, "dora", "10.0.2.1", t);
  EXPECT_EQ(fail(limiter, "dora", "10.0.2.1", t), 30s);
  EXPECT_EQ(fail(limiter, "emil", "10.0.3.1", t), 0s) << "another account is not slowed";
}

TEST(GuessLimiter, ManyAccountsFromOneAddressAreSlowedPerAddress) {
  GuessLimiter limiter;
  const auto t = GuessLimiter::Clock::now();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(fail(limiter, "user" + std::to_string(i), "10.9.9.9", t), 0s) << i;
  EXPECT_EQ(fail(limiter, "user-new", "10.9.9.9", t), 1s);
  EXPECT_EQ(fail(limiter, "user-other", "10.8.8.8", t), 0s);
}

TEST(GuessLimiter, AttemptsStillInFlightCountSoParallelGuessesDoNotSkipTheDelay) {
  GuessLimiter limiter;
  const auto t = GuessLimiter::Clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.begin("dora", "10.0.0.1", t), 0s);
  EXPECT_EQ(limiter.begin("dora", "10.0.0.1", t), 1s);
}

TEST(GuessLimiter, FailuresOutsideTheWindowAreForgottenAndASuccessClearsTheAccount) {
  GuessLimiter limiter;
  const auto t = GuessLimiter::Clock::now();
  for (int i = 0; i < 6; ++i) fail(limiter, "dora", "10.0.0.1", t);
  EXPECT_GT(limiter.begin("dora", "10.0.0.1", t + 14min), 0s);
  limiter.end("dora", "10.0.0.1", Outcome::kNeither, t + 14min);
  EXPECT_EQ(limiter.begin("dora", "10.0.0.1", t + 15min), 0s);
  limiter.end("dora", "10.0.0.1", Outcome::kNeither, t + 15min);

  for (int i = 0; i < 6; ++i) fail(limiter, "emil", "10.0.0.2", t);
  limiter.begin("emil", "10.0.0.2", t);
  limiter.end("emil", "10.0.0.2", Outcome::kSuccess, t);
  EXPECT_EQ(limiter.begin("emil", "10.0.0.3", t), 0s);
}

TEST(GuessLimiter, ForgettingAnAccountLiftsItsDelay) {
  GuessLimiter limiter;
  const auto t = GuessLimiter::Clock::now();
  for (int i = 0; i < 8; ++i) fail(limiter, "fiona", "10.0.0." + std::to_string(i), t);
  limiter.forget_account("fiona");
  EXPECT_EQ(limiter.begin("fiona", "10.0.1.1", t), 0s);
}

}  // namespace
}  // namespace cj::auth
