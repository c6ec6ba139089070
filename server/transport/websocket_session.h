// One live-feed subscriber over WebSocket: receives every change of the sites it may see, as
// one JSON text message each. What the client sends is read only to notice that it closed.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <boost/beast/websocket.hpp>

#include "server/feed/feed_hub.h"
#include "server/transport/beast.h"

namespace cj::transport {

namespace websocket = boost::beast::websocket;

class WebSocketSession : public feed::Subscriber, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(tcp::socket&& socket, feed::FeedHub& hub, std::vector<std::int64_t> site_ids);
  ~WebSocketSession() override;

  /// Completes the upgrade that req asked for, then joins the hub.
  void run(http::request<http::string_body> req);

  void send(std::shared_ptr<const std::string> text) override;

 private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void on_send(std::shared_ptr<const std::string> text);
  void on_write(boost::beast::error_code ec, std::size_t bytes);

  // A subscriber that cannot keep up is dropped rather than let its queue grow without bound.
  static constexpr std::size_t kQueueLimit = 1024;

  websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  feed::FeedHub& hub_;
  std::vector<std::int64_t> site_ids_;
  std::deque<std::shared_ptr<const std::string>> queue_;  // touched only on the strand
};

}  // namespace cj::transport
