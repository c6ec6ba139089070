#include "base/clock.h"

#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace cj::base {
namespace {

using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

const sys_seconds kNoon = sys_days{std::chrono::year{2026} / 11 / 20} + std::chrono::hours{12};

TEST(ClockTest, SystemClockIsTheWallClockCutToSeconds) {
  const auto before = std::chrono::floor<seconds>(std::chrono::system_clock::now());
  const sys_seconds now = now_seconds();
  const sys_seconds via_interface = system_clock().now();
  const auto after = std::chrono::floor<seconds>(std::chrono::system_clock::now());
  EXPECT_LE(before, now);
  EXPECT_LE(now, via_interface);
  EXPECT_LE(via_interface, after);
}

TEST(ClockTest, FixedClockStandsStill) {
  const FixedClock clock(kNoon);
  EXPECT_EQ(clock.now(), kNoon);
  EXPECT_EQ(clock.now(), kNoon);
}

TEST(ClockTest, FixedClockIsSetAndAdvanced) {
  FixedClock clock(kNoon);
  clock.advance(std::chrono::minutes{31});
  EXPECT_EQ(clock.now(), kNoon + seconds{31 * 60});
  clock.set(kNoon - std::chrono::days{1});
  EXPECT_EQ(clock.now(), kNoon - std::chrono::hours{24});
}

TEST(ClockTest, FixedClockIsReadThroughTheInterface) {
  FixedClock fixed(kNoon);
  const Clock& clock = fixed;
  fixed.advance(seconds{5});
  EXPECT_EQ(clock.now(), kNoon + seconds{5});
}

TEST(ClockTest, ConcurrentAdvancesAreNotLost) {
  FixedClock clock(kNoon);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&clock] {
      for (int i = 0; i < 1000; ++i) clock.advance(seconds{1});
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(clock.now(), kNoon + seconds{4000});
}

}  // namespace
}  // namespace cj::base
