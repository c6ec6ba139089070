#include "server/transport/http_session.h"

#include <algorithm>

#include <boost/beast/websocket.hpp>
#include <spdlog/spdlog.h>

#include "server/transport/websocket_session.h"
#include "server/api/metrics.h"

namespace cj::transport {

namespace {
// Larger bodies are refused by the parser before they are buffered.
constexpr std::uint64_t kBodyLimit = 1024 * 1024;
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
}  // namespace

HttpSession::HttpSession(tcp::socket&& socket, Application& app) : stream_(std::move(socket)), app_(app) {}

void HttpSession::run() {
  // Enter the connection's strand before touching the stream.
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::do_read() {
  parser_.emplace();
  parser_->body_limit(kBodyLimit);
  stream_.expires_after(kReadTimeout);
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted) {
    return do_close();
  }
  if (ec) {
    // A malformed request gets a clear answer before the connection closes.
    spdlog::info("http: bad request from client: {}", ec.message());
    reply_to_ = ReplyTo{11, false, false};
    return on_response(api::error_response(ec == http::error::body_limit ? 413 : 400, "BAD_REQUEST",
                                           "The request could not be read: " + ec.message() + "."));
  }
  WireRequest req = parser_->release();
  method_ = std::string(req.method_string());
  target_ = loggable_target(req.target());
  reply_to_ = ReplyTo::of(req);
  started_ = std::chrono::steady_clock::now();
  if (boost::beast::websocket::is_upgrade(req)) return on_upgrade(std::move(req));
  // The handler may answer from another thread: hop back onto this connection's strand.
  auto self = shared_from_this();
  app_.handle(to_api(std::move(req)), [self](api::Response res) {
    net::post(self->stream_.get_executor(),
              [self, res = std::move(res)]() mutable { self->on_response(std::move(res)); });
  });
}

void HttpSession::on_upgrade(WireRequest req) {
  const auto path = std::string_view(target_).substr(0, target_.find('?'));
  if (path != "/api/v1/feed" || app_.feed == nullptr || !app_.open_feed) {
    return on_response(api::error_response(
        404, "NOT_FOUND", "No WebSocket at " + std::string(path) + "; the live feed is /api/v1/feed."));
  }
  auto self = shared_from_this();
  auto request = std::make_shared<WireRequest>(std::move(req));
  // The access check gets the headers and target; the upgrade itself needs the Beast request.
  app_.open_feed(head_of(*request), [self, request](FeedAccess access) {
    net::post(self->stream_.get_executor(), [self, request, access = std::move(access)]() mutable {
      if (!access.allowed) {
        return self->on_response(api::error_response(access.status, access.code, access.message));
      }
      spdlog::info("http {} {} 101 feed for {} site(s)", self->method_, self->target_, access.site_ids.size());
      // The WebSocket takes the socket over; the HTTP timer must not follow it.
      self->stream_.expires_never();
      std::make_shared<WebSocketSession>(self->stream_.release_socket(), *self->app_.feed, std::move(access.site_ids))
          ->run(std::move(*request));
    });
  });
}

void HttpSession::on_response(api::Response res) { on_response(to_wire(std::move(res), reply_to_)); }

void HttpSession::on_response(WireResponse res) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
  spdlog::info("http {} {} {} {}us", method_, target_, res.result_int(), micros);
  if (app_.metrics) app_.metrics->record_request(res.result_int(), std::chrono::microseconds(micros));
  const bool keep_alive = res.keep_alive();
  beast::async_write(stream_, http::message_generator(std::move(res)),
                     beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) {
    if (ec != net::error::operation_aborted) spdlog::debug("http: write failed: {}", ec.message());
    return;
  }
  if (!keep_alive) return do_close();
  do_read();
}

void HttpSession::do_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  // Read what the client still sends (the rest of a refused body) until it closes: closing with
  // unread data makes the kernel reset the connection, and the client would lose our answer.
  stream_.expires_after(kDrainTimeout);
  do_drain();
}

void HttpSession::do_drain() {
  stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (!ec) self->do_drain();
  });
}

}  // namespace cj::transport
