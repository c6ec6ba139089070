// Accepts TCP connections and serves each (http_session.h) on its own strand: plain HTTP, or
// HTTPS when given a TlsContext.
#pragma once

#include <memory>

#include "server/transport/application.h"
#include "server/transport/beast.h"

namespace cj::transport {

class TlsContext;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  /// Opens, binds and listens; throws boost::system::system_error when the address is taken.
  /// tls (may be null: plain HTTP) must outlive the listener and its connections.
  Listener(net::io_context& ioc, const tcp::endpoint& endpoint, Application& app, TlsContext* tls = nullptr);

  bool secure() const { return tls_ != nullptr; }

  /// The bound endpoint (port 0 resolved to the port the kernel chose).
  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void run();

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  Application& app_;
  TlsContext* tls_;
};

}  // namespace cj::transport
