// A coordinator's live feed (/api/v1/feed over WebSocket), watched on its own thread: for every
// event notice it notes when it arrived, by event id, so that the scan-to-feed latency of each
// scan is (arrival - the moment its POST was sent), matched after the run.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace cj::bench {

using Clock = std::chrono::steady_clock;

class FeedWatcher {
 public:
  /// Connects to 127.0.0.1:port, upgrades /api/v1/feed?token=token, waits for the hello, and
  /// starts reading. Check ok() / error().
  FeedWatcher(unsigned short port, const std::string& token);
  ~FeedWatcher();  // stop()s
  FeedWatcher(const FeedWatcher&) = delete;
  FeedWatcher& operator=(const FeedWatcher&) = delete;

  bool ok() const;
  const std::string& error() const;

  /// Stops reading and closes the connection; returns arrival time by event id.
  std::unordered_map<std::int64_t, Clock::time_point> stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cj::bench
