#include "tests/bench/ingest/feed_watcher.h"

#include <atomic>
#include <mutex>
#include <thread>

#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include "server/transport/beast.h"

namespace cj::bench {

using namespace cj::transport;  // the Beast/Asio aliases
namespace websocket = boost::beast::websocket;

struct FeedWatcher::Impl {
  net::io_context ioc{1};
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  std::string error;
  bool ok = false;
  std::atomic<bool> stopping{false};
  std::thread thread;
  std::mutex mutex;
  std::unordered_map<std::int64_t, Clock::time_point> arrivals;

  void read_next() {
    ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
      const auto now = Clock::now();  // first: the arrival, before any parsing
      if (ec) return;                 // closed (stop) or lost: nothing more to note
      note(beast::buffers_to_string(buffer.data()), now);
      buffer.consume(buffer.size());
      read_next();
    });
  }

  void note(const std::string& text, Clock::time_point at) {
    boost::system::error_code ec;
    const auto message = boost::json::parse(text, ec);
    const auto* object = ec ? nullptr : message.if_object();
    const auto* id = object ? object->if_contains("event_id") : nullptr;
    if (!id || !id->is_int64()) return;
    std::lock_guard lock(mutex);
    arrivals.emplace(id->as_int64(), at);
  }
};

FeedWatcher::FeedWatcher(unsigned short port, const std::string& token) : impl_(std::make_unique<Impl>()) {
  Impl& w = *impl_;
  auto& lowest = beast::get_lowest_layer(w.ws);
  // Connect, upgrade and wait for the hello, 10 s for it all: each step runs on our io_context
  // until done or until the stream's deadline cancels it.
  lowest.expires_after(std::chrono::seconds(10));
  const auto step = [&w](auto start) {
    beast::error_code result = net::error::operation_aborted;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    w.ioc.restart();
    w.ioc.run();
    return result;
  };
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  const std::string target = "/api/v1/feed?token=" + token;
  beast::error_code ec = step([&](auto done) { lowest.async_connect(endpoint, std::move(done)); });
  if (!ec) ec = step([&](auto done) { w.ws.async_handshake("127.0.0.1", target, std::move(done)); });
  // The hello says the subscription is in place: from here on, no notice is missed.
  if (!ec) ec = step([&](auto done) { w.ws.async_read(w.buffer, std::move(done)); });
  if (ec) {
    w.error = ec.message();
    return;
  }
  lowest.expires_never();
  w.buffer.consume(w.buffer.size());
  w.ok = true;
  w.ioc.restart();
  w.read_next();
  w.thread = std::thread([&w] {
    while (!w.stopping) w.ioc.run_for(std::chrono::milliseconds(100));
  });
}

FeedWatcher::~FeedWatcher() { stop(); }

bool FeedWatcher::ok() const { return impl_->ok; }
const std::string& FeedWatcher::error() const { return impl_->error; }

std::unordered_map<std::int64_t, Clock::time_point> FeedWatcher::stop() {
  Impl& w = *impl_;
  if (w.thread.joinable()) {
    w.stopping = true;
    w.thread.join();
    beast::error_code ignored;
    beast::get_lowest_layer(w.ws).socket().close(ignored);
  }
  std::lock_guard lock(w.mutex);
  return w.arrivals;
}

}  // namespace cj::bench
