#include "server/transport/http_session.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <optional>

#include <boost/beast/websocket.hpp>
#include <spdlog/spdlog.h>

#include "server/api/metrics.h"
#include "server/transport/streams.h"
#include "server/transport/tls_context.h"
#include "server/transport/websocket_session.h"
#include "server/transport/wire.h"

namespace cj::transport {

namespace {
// Larger bodies are refused by the parser before they are buffered.
constexpr std::uint64_t kBodyLimit = 1024 * 1024;
// How long an authenticated connection may sit idle (or take to send a request).
constexpr auto kReadTimeout = std::chrono::seconds(30);
constexpr auto kDrainTimeout = std::chrono::seconds(5);

// The request target as the log may show it: a browser's live feed carries its session token
// in the query (?token=, it cannot set headers on a WebSocket), and a log is no place for it.
std::string loggable_target(std::string_view target) {
  std::string out(target);
  for (std::size_t at = out.find("token="); at != std::string::npos; at = out.find("token=", at + 1)) {
    if (at != 0 && out[at - 1] != '?' && out[at - 1] != '&') continue;
    const std::size_t value = at + 6;
    const std::size_t end = std::min(out.find('&', value), out.size());
    out.replace(value, end - value, "(hidden)");
  }
  return out;
}

// What both kinds of connection do; Derived (PlainSession, TlsSession) owns the stream and says
// how a connection starts and ends.
template <class Derived>
class HttpSession {
 public:
  HttpSession(Application& app, bool secure, ConnectionSlot slot, std::chrono::seconds unauthenticated_timeout)
      : app_(app), secure_(secure), slot_(std::move(slot)), unauthenticated_timeout_(unauthenticated_timeout) {}

 protected:
  Derived& derived() { return static_cast<Derived&>(*this); }

  void do_read() {
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    // The deadline covers the whole request: a client dripping a byte at a time gets no longer.
    beast::get_lowest_layer(derived().stream()).expires_after(read_timeout());
    http::async_read(derived().stream(), buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, derived().shared_from_this()));
  }

  std::chrono::seconds read_timeout() const {
    return authenticated_ ? std::chrono::seconds(kReadTimeout) : unauthenticated_timeout_;
  }

  beast::flat_buffer buffer_;

 private:
  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == ssl::error::stream_truncated) {
      return derived().do_close();
    }
    if (ec) {
      // A malformed request gets a clear answer before the connection closes.
      spdlog::info("http: bad request from client: {}", ec.message());
      reply_to_ = ReplyTo{11, false, false, secure_};
      return on_response(api::error_response(ec == http::error::body_limit ? 413 : 400, "BAD_REQUEST",
                                             "The request could not be read: " + ec.message() + "."));
    }
    WireRequest req = parser_->release();
    method_ = std::string(req.method_string());
    target_ = loggable_target(req.target());
    reply_to_ = ReplyTo::of(req);
    reply_to_.secure = secure_;
    started_ = std::chrono::steady_clock::now();
    if (boost::beast::websocket::is_upgrade(req)) return on_upgrade(std::move(req));
    // The handler may answer from another thread: hop back onto this connection's strand.
    auto self = derived().shared_from_this();
    api::Request request = to_api(std::move(req));
    request.peer = peer_address();
    app_.handle(std::move(request), [self](api::Response res) {
      net::post(self->stream().get_executor(),
                [self, res = std::move(res)]() mutable { self->on_response(std::move(res)); });
    });
  }

  // The client's address, for counting password guesses per address (server/auth/guess_limiter.h).
  std::string peer_address() {
    beast::error_code ec;
    const auto endpoint = beast::get_lowest_layer(derived().stream()).socket().remote_endpoint(ec);
    return ec ? std::string() : endpoint.address().to_string();
  }

  void on_upgrade(WireRequest req) {
    const auto path = std::string_view(target_).substr(0, target_.find('?'));
    if (path != "/api/v1/feed" || app_.feed == nullptr || !app_.open_feed) {
      return on_response(api::error_response(
          404, "NOT_FOUND", "No WebSocket at " + std::string(path) + "; the live feed is /api/v1/feed."));
    }
    auto self = derived().shared_from_this();
    auto request = std::make_shared<WireRequest>(std::move(req));
    // The access check gets the headers and target; the upgrade itself needs the Beast request.
    app_.open_feed(head_of(*request), [self, request](FeedAccess access) {
      net::post(self->stream().get_executor(), [self, request, access = std::move(access)]() mutable {
        if (!access.allowed) return self->on_response(api::error_response(access.status, access.code, access.message));
        spdlog::info("http {} {} 101 feed for {} site(s)", self->method_, self->target_, access.site_ids.size());
        // The WebSocket takes the stream over (with TLS, its session); the HTTP timer must not follow it.
        beast::get_lowest_layer(self->stream()).expires_never();
        start_feed_session(self->release_stream(), *self->app_.feed, std::move(access.site_ids),
                           feed::FeedOwner{access.user_id, access.session_id}, std::move(*request), self->slot_);
      });
    });
  }

 protected:
  void on_response(api::Response res) {
    if (res.authenticated) authenticated_ = true;
    on_response(to_wire(std::move(res), reply_to_));
  }

 private:
  void on_response(WireResponse res) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
    spdlog::info("http {} {} {} {}us", method_, target_, res.result_int(), micros);
    if (app_.metrics) app_.metrics->record_request(res.result_int(), std::chrono::microseconds(micros));
    const bool keep_alive = res.keep_alive();
    // The read's deadline (10 s for a stranger) must not cut off a handler's slow answer.
    beast::get_lowest_layer(derived().stream()).expires_after(kReadTimeout);
    beast::async_write(derived().stream(), http::message_generator(std::move(res)),
                       beast::bind_front_handler(&HttpSession::on_write, derived().shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) {
      if (ec != net::error::operation_aborted) spdlog::debug("http: write failed: {}", ec.message());
      return;
    }
    if (!keep_alive) return derived().do_close();
    do_read();
  }

  Application& app_;
  const bool secure_;
  ConnectionSlot slot_;  // this connection's place under the listener's limits
  const std::chrono::seconds unauthenticated_timeout_;
  bool authenticated_ = false;  // a request on it carried a valid session or station key
  std::optional<http::request_parser<http::string_body>> parser_;
  // For the access log line of the request in flight.
  std::string method_;
  std::string target_;
  ReplyTo reply_to_;
  std::chrono::steady_clock::time_point started_;
};

class PlainSession : public HttpSession<PlainSession>, public std::enable_shared_from_this<PlainSession> {
 public:
  PlainSession(tcp::socket&& socket, Application& app, ConnectionSlot slot, std::chrono::seconds unauthenticated)
      : HttpSession(app, false, std::move(slot), unauthenticated), stream_(std::move(socket)) {}

  void run() {
    // Enter the connection's strand before touching the stream.
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&PlainSession::do_read, shared_from_this()));
  }

  PlainStream& stream() { return stream_; }
  PlainStream release_stream() { return std::move(stream_); }

  void do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    // Read what the client still sends (the rest of a refused body) until it closes: closing with
    // unread data makes the kernel reset the connection, and the client would lose our answer.
    stream_.expires_after(kDrainTimeout);
    do_drain();
  }

 private:
  void do_drain() {
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!ec) self->do_drain();
    });
  }

  PlainStream stream_;
  std::array<char, 16 * 1024> drain_buffer_;
};

class TlsSession : public HttpSession<TlsSession>, public std::enable_shared_from_this<TlsSession> {
 public:
  TlsSession(tcp::socket&& socket, Application& app, ssl::context& context, ConnectionSlot slot,
             std::chrono::seconds unauthenticated)
      : HttpSession(app, true, std::move(slot), unauthenticated), stream_(std::move(socket), context) {}

  void run() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&TlsSession::on_run, shared_from_this()));
  }

  TlsStream& stream() { return stream_; }
  TlsStream release_stream() { return std::move(stream_); }

  void do_close() {
    // close_notify, then wait (bounded) for the client's; what happens then does not matter.
    beast::get_lowest_layer(stream_).expires_after(kDrainTimeout);
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {
      beast::error_code ec;
      beast::get_lowest_layer(self->stream_).socket().close(ec);
    });
  }

 private:
  void on_run() {
    beast::get_lowest_layer(stream_).expires_after(read_timeout());
    stream_.async_handshake(ssl::stream_base::server,
                            beast::bind_front_handler(&TlsSession::on_handshake, shared_from_this()));
  }

  void on_handshake(beast::error_code ec) {
    if (ec) {
      // A client that does not trust us, or speaks plain HTTP or an old TLS here: its problem to report.
      spdlog::info("https: TLS handshake failed: {}", ec.message());
      return;
    }
    do_read();
  }

  TlsStream stream_;
};

}  // namespace

void serve_connection(tcp::socket&& socket, Application& app, TlsContext* tls, ConnectionSlot slot,
                      std::chrono::seconds unauthenticated_timeout) {
  if (tls) {
    std::make_shared<TlsSession>(std::move(socket), app, tls->context(), std::move(slot), unauthenticated_timeout)
        ->run();
  } else {
    std::make_shared<PlainSession>(std::move(socket), app, std::move(slot), unauthenticated_timeout)->run();
  }
}

}  // namespace cj::transport
