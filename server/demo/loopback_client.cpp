#include "server/demo/loopback_client.h"

#include <sys/socket.h>

#include <atomic>
#include <mutex>
#include <optional>

#include "server/transport/beast.h"

namespace cj::demo {

using transport::beast::error_code;
namespace net = transport::net;
namespace http = transport::http;
using transport::tcp;

struct LoopbackClient::Impl {
  unsigned short port = 0;
  net::io_context ioc;
  std::optional<tcp::socket> socket;
  std::mutex mutex;  // guards socket's existence against abort()
  std::atomic<bool> aborted{false};

  bool connect(std::string& error) {
    std::lock_guard lock(mutex);
    if (aborted) {
      error = "aborted";
      return false;
    }
    socket.emplace(ioc);
    error_code ec;
    socket->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
    if (ec) {
      error = "connect: " + ec.message();
      socket.reset();
      return false;
    }
    return true;
  }

  void close() {
    std::lock_guard lock(mutex);
    socket.reset();
  }
};

LoopbackClient::LoopbackClient(unsigned short port) : impl_(std::make_unique<Impl>()) { impl_->port = port; }

LoopbackClient::~LoopbackClient() = default;

LoopbackReply LoopbackClient::request(const std::string& method, const std::string& target, const std::string& body,
                                      const std::string& authorization) {
  LoopbackReply reply;
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::user_agent, "celljourney-demo");
  if (!authorization.empty()) req.set(http::field::authorization, authorization);
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  req.keep_alive(true);
  req.prepare_payload();
  // A kept-alive connection the server has closed since fails at once: one retry on a new one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->socket && !impl_->connect(reply.error)) return reply;
    error_code ec;
    http::write(*impl_->socket, req, ec);
    if (!ec) {
      transport::beast::flat_buffer buffer;
      http::response<http::string_body> res;
      http::read(*impl_->socket, buffer, res, ec);
      if (!ec) {
        reply.status = res.result_int();
        reply.body = std::move(res.body());
        if (!res.keep_alive()) impl_->close();
        return reply;
      }
    }
    reply.error = ec.message();
    impl_->close();
    if (impl_->aborted) return reply;
  }
  return reply;
}

void LoopbackClient::abort() {
  impl_->aborted = true;
  std::lock_guard lock(impl_->mutex);
  if (impl_->socket) ::shutdown(impl_->socket->native_handle(), SHUT_RDWR);
}

}  // namespace cj::demo
