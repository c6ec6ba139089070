// Accepts TCP connections and starts an HttpSession for each, on its own strand.
#pragma once

#include <memory>

#include "server/transport/application.h"
#include "server/transport/beast.h"

namespace cj::transport {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  /// Opens, binds and listens; throws boost::system::system_error when the address is taken.
  Listener(net::io_context& ioc, const tcp::endpoint& endpoint, Application& app);

  /// The bound endpoint (port 0 resolved to the port the kernel chose).
  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void run();

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  Application& app_;
};

}  // namespace cj::transport
