// Clock: where "now" comes from, to the second (the resolution of the rules engine: a
// workflows::TimePoint is a std::chrono::sys_seconds).
//
// Code that decides by the time takes a `const Clock&` (defaulting to system_clock()), so that
// a test can hand it a FixedClock and know the answer:
//
//   base::FixedClock clock(*workflows::parse_time("2026-11-20T10:00:00Z"));
//   clock.advance(std::chrono::minutes(31));
//
// Code that only needs the wall clock calls now_seconds().
//
// Thread-safety: every Clock here may be read from any thread; a FixedClock may be set or
// advanced while others read it.
#pragma once

#include <atomic>
#include <chrono>

namespace cj::base {

class Clock {
 public:
  virtual ~Clock() = default;
  /// Now, cut (never rounded up) to the second.
  virtual std::chrono::sys_seconds now() const = 0;
};

/// The system's wall clock (UTC).
class SystemClock final : public Clock {
 public:
  std::chrono::sys_seconds now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

/// The process's one SystemClock.
inline const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

/// system_clock().now().
inline std::chrono::sys_seconds now_seconds() { return system_clock().now(); }

/// A clock that stands still until it is told otherwise, for tests.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::sys_seconds at) : at_(at) {}

  std::chrono::sys_seconds now() const override { return at_.load(); }
  void set(std::chrono::sys_seconds at) { at_.store(at); }
  void advance(std::chrono::seconds by) {
    auto at = at_.load();
    while (!at_.compare_exchange_weak(at, at + by)) {
    }
  }

 private:
  std::atomic<std::chrono::sys_seconds> at_;
};

}  // namespace cj::base
