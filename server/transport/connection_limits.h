// How many connections the server holds open, and how long it waits on one that has not shown
// who it is: what keeps a client that opens connections and sends nothing (or drips bytes) from
// taking the listener, the file descriptors and so /healthz away from everyone else.
//
// Thread-safety: ConnectionCounter::admit() may be called from any thread; a slot may be
// released (its last copy dropped) on any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace cj::transport {

struct ConnectionLimits {
  std::size_t max_total = 1024;      // open connections (HTTP and live feed) in all
  std::size_t max_per_address = 64;  // from one client address
  /// A connection that has not yet sent a request with a valid session or station key must
  /// deliver each complete request (and its TLS handshake) within this; afterwards, 30 s.
  std::chrono::seconds unauthenticated_timeout{10};
};

/// Held by a connection for its whole life (HTTP, then live feed): dropping the last copy frees it.
using ConnectionSlot = std::shared_ptr<const void>;

/// Made with std::make_shared: its slots keep it alive (connections may outlive the listener
/// while the io_context winds down).
class ConnectionCounter : public std::enable_shared_from_this<ConnectionCounter> {
 public:
  explicit ConnectionCounter(const ConnectionLimits& limits) : limits_(limits) {}

  /// A slot for a new connection from address, or null when a limit is reached.
  ConnectionSlot admit(const std::string& address);

  std::size_t open() const;
  std::uint64_t refused() const;

 private:
  void release(const std::string& address);

  const ConnectionLimits limits_;
  mutable std::mutex mutex_;
  std::map<std::string, std::size_t> by_address_;  // guarded by mutex_; no zero entries
  std::size_t total_ = 0;                          // guarded by mutex_
  std::uint64_t refused_ = 0;                      // guarded by mutex_
};

}  // namespace cj::transport
