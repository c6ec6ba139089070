#include "tests/support/ws_client.h"

#include <thread>

#include <boost/beast/websocket.hpp>

#include "server/transport/beast.h"
#include "tests/support/http_client.h"
#include "tests/support/tls_setup.h"

namespace cj::testing {

using namespace cj::transport;  // the Beast/Asio aliases
namespace websocket = boost::beast::websocket;

bool wait_until_listening(unsigned short port) {
  for (int i = 0; i < 100; ++i) {
    auto reply = http_get(port, "/healthz");
    if (reply.status == 200 && reply.body.find("\"listening\":true") != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

struct WsClient::Impl {
  net::io_context ioc;
  std::optional<ssl::context> context;  // wss
  std::optional<websocket::stream<beast::tcp_stream>> ws;
  std::optional<websocket::stream<beast::ssl_stream<beast::tcp_stream>>> wss;
  beast::flat_buffer buffer;

  // f(the open WebSocket stream), ws or wss.
  template <class F>
  auto with(F&& f) {
    if (wss) return f(*wss);
    return f(*ws);
  }
};

WsClient::WsClient(unsigned short port, const std::string& target) : impl_(std::make_unique<Impl>()) {
  try {
    auto& ws = impl_->ws.emplace(impl_->ioc);
    auto& lowest = beast::get_lowest_layer(ws);
    lowest.expires_after(std::chrono::seconds(10));
    lowest.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    websocket::response_type response;
    ws.handshake(response, "127.0.0.1", target);
    lowest.expires_never();
    connected_ = true;
  } catch (const boost::system::system_error& e) {
    error_ = e.what();
    if (e.code() == websocket::error::upgrade_declined) {
      // Beast does not hand back the refusal; ask again over plain HTTP to learn its status.
      net::io_context ioc;
      beast::tcp_stream stream(ioc);
      stream.expires_after(std::chrono::seconds(10));
      stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
      http::request<http::empty_body> req{http::verb::get, target, 11};
      req.set(http::field::host, "127.0.0.1");
      req.set(http::field::upgrade, "websocket");
      req.set(http::field::connection, "upgrade");
      req.set(http::field::sec_websocket_version, "13");
      req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
      http::write(stream, req);
      beast::flat_buffer buffer;
      http::response<http::string_body> res;
      http::read(stream, buffer, res);
      refusal_status_ = res.result_int();
    }
  }
}

WsClient::WsClient(const TlsClient& tls, unsigned short port, const std::string& target)
    : impl_(std::make_unique<Impl>()) {
  try {
    impl_->context.emplace(client_context(tls));
    auto& wss = impl_->wss.emplace(impl_->ioc, *impl_->context);
    auto& lowest = beast::get_lowest_layer(wss);
    lowest.expires_after(std::chrono::seconds(10));
    lowest.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    expect_host(wss.next_layer(), tls);
    wss.next_layer().handshake(ssl::stream_base::client);
    websocket::response_type response;
    wss.handshake(response, "127.0.0.1", target);
    lowest.expires_never();
    connected_ = true;
  } catch (const boost::system::system_error& e) {
    error_ = e.what();
  }
}

WsClient::~WsClient() {
  if (!connected_) return;
  impl_->with([](auto& ws) {
    beast::error_code ec;
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(2));
    ws.close(websocket::close_code::normal, ec);
  });
}

std::optional<std::string> WsClient::next(std::chrono::milliseconds timeout) {
  if (!connected_) return std::nullopt;
  beast::error_code ec;
  impl_->buffer.consume(impl_->buffer.size());
  impl_->with([&](auto& ws) {
    beast::get_lowest_layer(ws).expires_after(timeout);
    ws.read(impl_->buffer, ec);
  });
  if (ec) {
    // A timeout closes the socket too (beast::tcp_stream): the client is done either way.
    connected_ = false;
    if (ec == beast::error::timeout) return std::nullopt;
    error_ = ec.message();
    return std::nullopt;
  }
  return beast::buffers_to_string(impl_->buffer.data());
}

std::optional<std::string> WsClient::next_containing(const std::string& needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto message = next(left);
    if (!message) return std::nullopt;
    if (message->find(needle) != std::string::npos) return message;
  }
}

}  // namespace cj::testing
