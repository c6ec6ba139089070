// Accepts TCP connections and serves each (http_session.h) on its own strand: plain HTTP, or
// HTTPS when given a TlsContext.
//
// A client must not be able to take the listener down: connections beyond the limits
// (connection_limits.h) are answered 503 and closed at once, on the accepting strand (no
// worker, no session); when the process runs out of file descriptors (EMFILE, ENFILE) the
// accept loop waits (50 ms, doubling to 1 s) instead of spinning, and logs once a second at most.
#pragma once

#include <memory>

#include "server/transport/application.h"
#include "server/transport/beast.h"
#include "server/transport/connection_limits.h"
#include "server/transport/log_throttle.h"

namespace cj::transport {

class TlsContext;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  /// Opens, binds and listens; throws boost::system::system_error when the address is taken.
  /// tls (may be null: plain HTTP) must outlive the listener and its connections.
  Listener(net::io_context& ioc, const tcp::endpoint& endpoint, Application& app, TlsContext* tls = nullptr,
           const ConnectionLimits& limits = {});

  bool secure() const { return tls_ != nullptr; }

  /// The bound endpoint (port 0 resolved to the port the kernel chose).
  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void run();

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void back_off(const beast::error_code& ec);
  void refuse(tcp::socket socket, const std::string& address);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  Application& app_;
  TlsContext* tls_;
  const ConnectionLimits limits_;
  std::shared_ptr<ConnectionCounter> connections_;
  std::chrono::milliseconds backoff_{0};  // 0: the last accept worked
  LogThrottle accept_log_;
  LogThrottle refusal_log_;
};

}  // namespace cj::transport
