// At most one log line per interval for a message that can repeat as fast as a loop runs (a
// failing accept, a refused connection): the count of the ones left out goes in the next line.
//
// Thread-safety: any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

namespace cj::transport {

class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::milliseconds interval = std::chrono::seconds(1)) : interval_(interval) {}

  /// When a line may be written now: how many were left out since the last one. Else nullopt.
  std::optional<std::uint64_t> allow() {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (written_ && now - last_ < interval_) {
      ++skipped_;
      return std::nullopt;
    }
    written_ = true;
    last_ = now;
    const auto skipped = skipped_;
    skipped_ = 0;
    return skipped;
  }

 private:
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  bool written_ = false;
  std::chrono::steady_clock::time_point last_;
  std::uint64_t skipped_ = 0;
};

}  // namespace cj::transport
