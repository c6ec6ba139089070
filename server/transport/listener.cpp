#include "server/transport/listener.h"

#include <spdlog/spdlog.h>

#include "server/transport/http_session.h"

namespace cj::transport {

namespace {
constexpr std::chrono::milliseconds kFirstBackoff{50};
constexpr std::chrono::milliseconds kMaxBackoff{1000};

// Out of a resource the next accept needs as well: retrying at once would only spin.
bool out_of_resources(const beast::error_code& ec) {
  return ec == boost::system::errc::too_many_files_open || ec == boost::system::errc::too_many_files_open_in_system ||
         ec == boost::system::errc::no_buffer_space || ec == boost::system::errc::not_enough_memory;
}

// What a refused client reads (when it reads at all before the close).
constexpr std::string_view kBusyAnswer =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Server: CellJourney\r\n"
    "Content-Type: application/json\r\n"
    "Retry-After: 1\r\n"
    "Connection: close\r\n"
    "Content-Length: 100\r\n"
    "\r\n"
    R"({"error":{"code":"TOO_MANY_CONNECTIONS","message":"Too many open connections; retry in a moment."}})"
    "\n";
}  // namespace

Listener::Listener(net::io_context& ioc, const tcp::endpoint& endpoint, Application& app, TlsContext* tls,
                   const ConnectionLimits& limits)
    : ioc_(ioc),
      acceptor_(net::make_strand(ioc)),
      retry_timer_(acceptor_.get_executor()),
      app_(app),
      tls_(tls),
      limits_(limits),
      connections_(std::make_shared<ConnectionCounter>(limits)) {
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
  if (ec) return back_off(ec);
  backoff_ = std::chrono::milliseconds(0);
  beast::error_code peer_ec;
  const auto peer = socket.remote_endpoint(peer_ec);
  if (peer_ec) {
    do_accept();  // gone already
    return;
  }
  const std::string address = peer.address().to_string();
  if (ConnectionSlot slot = connections_->admit(address)) {
    serve_connection(std::move(socket), app_, tls_, std::move(slot), limits_.unauthenticated_timeout);
  } else {
    refuse(std::move(socket), address);
  }
  do_accept();
}

void Listener::back_off(const beast::error_code& ec) {
  if (!out_of_resources(ec)) {
    // A connection that went away before we took it (ECONNABORTED, ...): the next one may be fine.
    if (auto skipped = accept_log_.allow()) spdlog::warn("http: accept failed: {} ({} more)", ec.message(), *skipped);
    return do_accept();
  }
  backoff_ = backoff_.count() == 0 ? kFirstBackoff : std::min(backoff_ * 2, kMaxBackoff);
  if (auto skipped = accept_log_.allow()) {
    spdlog::error("http: accept failed: {} ({} more since the last line); {} connections open; retrying in {} ms",
                  ec.message(), *skipped, connections_->open(), backoff_.count());
  }
  retry_timer_.expires_after(backoff_);
  retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
    if (!wait_ec) self->do_accept();
  });
}

void Listener::refuse(tcp::socket socket, const std::string& address) {
  if (auto skipped = refusal_log_.allow()) {
    spdlog::warn(
        "http: refused a connection from {} ({} more since the last line): {} open, limits {} in all, {} "
        "per address",
        address, *skipped, connections_->open(), limits_.max_total, limits_.max_per_address);
  }
  beast::error_code ec;
  if (!tls_) {
    // One try, never waiting: a client that does not read just misses the explanation.
    socket.non_blocking(true, ec);
    if (!ec) socket.write_some(net::buffer(kBusyAnswer.data(), kBusyAnswer.size()), ec);
  }
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

}  // namespace cj::transport
