#include "server/transport/listener.h"

#include <spdlog/spdlog.h>

#include "server/transport/http_session.h"

namespace cj::transport {

Listener::Listener(net::io_context& ioc, const tcp::endpoint& endpoint, Application& app, TlsContext* tls)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), app_(app), tls_(tls) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::run() { do_accept(); }

void Listener::do_accept() {
  // The new connection gets its own strand.
  acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;
  if (ec) {
    spdlog::warn("http: accept failed: {}", ec.message());
  } else {
    serve_connection(std::move(socket), app_, tls_);
  }
  do_accept();
}

}  // namespace cj::transport
