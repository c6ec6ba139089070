#include "server/transport/websocket_session.h"

#include <deque>
#include <memory>
#include <string>

#include <boost/beast/websocket.hpp>
#include <spdlog/spdlog.h>

namespace cj::transport {

namespace {

namespace websocket = boost::beast::websocket;

// Stream: PlainStream or TlsStream; the WebSocket runs over whichever the HTTP session had.
template <class Stream>
class WebSocketSession : public feed::Subscriber, public std::enable_shared_from_this<WebSocketSession<Stream>> {
 public:
  WebSocketSession(Stream&& stream, feed::FeedHub& hub, std::vector<std::int64_t> site_ids, feed::FeedOwner owner,
                   ConnectionSlot slot)
      : ws_(std::move(stream)), hub_(hub), site_ids_(std::move(site_ids)), owner_(owner), slot_(std::move(slot)) {}
  ~WebSocketSession() override { hub_.leave(this); }

  void run(WireRequest req) {
    // Pings keep idle connections alive through proxies, and find dead peers.
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "CellJourney"); }));
    ws_.read_message_max(64 * 1024);
    ws_.text(true);
    ws_.async_accept(req, beast::bind_front_handler(&WebSocketSession::on_accept, this->shared_from_this()));
  }

  void close() override {
    net::post(ws_.get_executor(), [self = this->shared_from_this()] {
      self->closed_ = true;
      // The socket, not a close handshake: a client that stops reading must not keep it open.
      beast::get_lowest_layer(self->ws_).close();
    });
  }

  void send(std::shared_ptr<const std::string> text) override {
    // From any thread: continue on this session's strand.
    net::post(ws_.get_executor(),
              beast::bind_front_handler(&WebSocketSession::on_send, this->shared_from_this(), std::move(text)));
  }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) {
      spdlog::info("feed: websocket handshake failed: {}", ec.message());
      return;
    }
    if (closed_) return beast::get_lowest_layer(ws_).close();  // closed during the handshake
    hub_.join(this->shared_from_this(), site_ids_, owner_);
    send(std::make_shared<const std::string>(R"({"type":"hello"})"));
    do_read();
  }

  void do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession::on_read, this->shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return;  // closed or failed: the session ends when the last handler lets go of it
    buffer_.consume(buffer_.size());
    do_read();
  }

  void on_send(std::shared_ptr<const std::string> text) {
    if (closed_) return;
    if (queue_.size() >= kQueueLimit) {
      spdlog::warn("feed: a subscriber fell {} messages behind; closing it", queue_.size());
      beast::get_lowest_layer(ws_).close();
      return;
    }
    queue_.push_back(std::move(text));
    if (queue_.size() > 1) return;  // a write is in flight; on_write continues
    do_write();
  }

  void do_write() {
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&WebSocketSession::on_write, this->shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return;
    queue_.pop_front();
    if (!queue_.empty()) do_write();
  }

  // A subscriber that cannot keep up is dropped rather than let its queue grow without bound.
  static constexpr std::size_t kQueueLimit = 1024;

  websocket::stream<Stream> ws_;
  beast::flat_buffer buffer_;
  feed::FeedHub& hub_;
  std::vector<std::int64_t> site_ids_;
  feed::FeedOwner owner_;
  bool closed_ = false;                                   // touched only on the strand
  ConnectionSlot slot_;                                   // counted under the listener's limits until the socket closes
  std::deque<std::shared_ptr<const std::string>> queue_;  // touched only on the strand
};

template <class Stream>
void start(Stream&& stream, feed::FeedHub& hub, std::vector<std::int64_t> site_ids, feed::FeedOwner owner,
           WireRequest req, ConnectionSlot slot) {
  std::make_shared<WebSocketSession<Stream>>(std::move(stream), hub, std::move(site_ids), owner, std::move(slot))
      ->run(std::move(req));
}

}  // namespace

void start_feed_session(PlainStream&& stream, feed::FeedHub& hub, std::vector<std::int64_t> site_ids,
                        feed::FeedOwner owner, WireRequest req, ConnectionSlot slot) {
  start(std::move(stream), hub, std::move(site_ids), owner, std::move(req), std::move(slot));
}

void start_feed_session(TlsStream&& stream, feed::FeedHub& hub, std::vector<std::int64_t> site_ids,
                        feed::FeedOwner owner, WireRequest req, ConnectionSlot slot) {
  start(std::move(stream), hub, std::move(site_ids), owner, std::move(req), std::move(slot));
}

}  // namespace cj::transport
