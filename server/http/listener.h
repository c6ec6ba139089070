// Accepts TCP connections and starts an HttpSession for each, on its own strand.
#pragma once

#include <memory>

#include "server/http/application.h"
#include "server/http/beast.h"

namespace cj::server {

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

}  // namespace cj::server
