#include "server/transport/websocket_session.h"

#include <spdlog/spdlog.h>

namespace cj::transport {

namespace beast = boost::beast;
namespace net = boost::asio;

WebSocketSession::WebSocketSession(tcp::socket&& socket, feed::FeedHub& hub, std::vector<std::int64_t> site_ids)
    : ws_(std::move(socket)), hub_(hub), site_ids_(std::move(site_ids)) {}

WebSocketSession::~WebSocketSession() { hub_.leave(this); }

void WebSocketSession::run(http::request<http::string_body> req) {
  // Pings keep idle connections alive through proxies, and find dead peers.
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(beast::http::field::server, "CellJourney"); }));
  ws_.read_message_max(64 * 1024);
  ws_.text(true);
  ws_.async_accept(req, beast::bind_front_handler(&WebSocketSession::on_accept, shared_from_this()));
}

void WebSocketSession::on_accept(beast::error_code ec) {
  if (ec) {
    spdlog::info("feed: websocket handshake failed: {}", ec.message());
    return;
  }
  hub_.join(shared_from_this(), site_ids_);
  send(std::make_shared<const std::string>(R"({"type":"hello"})"));
  do_read();
}

void WebSocketSession::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this()));
}

void WebSocketSession::on_read(beast::error_code ec, std::size_t) {
  if (ec) return;  // closed or failed: the session ends when the last handler lets go of it
  buffer_.consume(buffer_.size());
  do_read();
}

void WebSocketSession::send(std::shared_ptr<const std::string> text) {
  // From any thread: continue on this session's strand.
  net::post(ws_.get_executor(),
            beast::bind_front_handler(&WebSocketSession::on_send, shared_from_this(), std::move(text)));
}

void WebSocketSession::on_send(std::shared_ptr<const std::string> text) {
  if (queue_.size() >= kQueueLimit) {
    spdlog::warn("feed: a subscriber fell {} messages behind; closing it", queue_.size());
    beast::get_lowest_layer(ws_).close();
    return;
  }
  queue_.push_back(std::move(text));
  if (queue_.size() > 1) return;  // a write is in flight; on_write continues
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
}

void WebSocketSession::on_write(beast::error_code ec, std::size_t) {
  if (ec) return;
  queue_.pop_front();
  if (!queue_.empty()) {
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
  }
}

}  // namespace cj::transport
