// A synchronous WebSocket client (Boost.Beast) for end-to-end tests of the live feed.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "tests/support/http_client.h"

namespace cj::testing {

/// Waits (up to 5 s) until the server at port says its live feed is listening: changes notified
/// from then on reach subscribers.
bool wait_until_listening(unsigned short port);

class WsClient {
 public:
  /// Connects to 127.0.0.1:port and upgrades target ("/api/v1/feed?token=..."). When the server
  /// refuses the upgrade, connected() is false and refusal_status() is its HTTP status.
  WsClient(unsigned short port, const std::string& target);
  /// The same over TLS (wss), verifying the server's certificate as tls says.
  WsClient(const TlsClient& tls, unsigned short port, const std::string& target);
  ~WsClient();

  bool connected() const { return connected_; }
  int refusal_status() const { return refusal_status_; }
  const std::string& error() const { return error_; }

  /// The next text message, or nullopt when none came within timeout (or the connection ended).
  /// After a timeout the connection is closed: wait for silence only as the last step of a test.
  std::optional<std::string> next(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

  /// Messages are skipped until one contains needle; nullopt if none within timeout.
  std::optional<std::string> next_containing(const std::string& needle,
                                             std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool connected_ = false;
  int refusal_status_ = 0;
  std::string error_;
};

}  // namespace cj::testing
