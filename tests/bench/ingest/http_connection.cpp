#include "tests/bench/ingest/http_connection.h"

#include <optional>

#include "server/transport/beast.h"

namespace cj::bench {

using namespace cj::transport;  // the Beast/Asio aliases

struct HttpConnection::Impl {
  explicit Impl(const std::atomic<unsigned short>& p) : port(p) {}

  // Runs the operation started by start(handler) to completion: our io_context serves only it.
  template <class Start>
  beast::error_code run(Start&& start) {
    beast::error_code result = net::error::operation_aborted;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  void close() {
    if (!stream) return;
    beast::error_code ignored;
    stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.reset();
  }

  const std::atomic<unsigned short>& port;
  net::io_context ioc{1};
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

HttpConnection::HttpConnection(const std::atomic<unsigned short>& port) : impl_(std::make_unique<Impl>(port)) {}

HttpConnection::~HttpConnection() { impl_->close(); }

HttpReply HttpConnection::request(const std::string& method, const std::string& target, const std::string& body,
                                  const std::string& authorization, std::chrono::milliseconds timeout) {
  Impl& c = *impl_;
  HttpReply reply;
  if (!c.stream) {
    c.stream.emplace(c.ioc);
    c.buffer.clear();
    c.stream->expires_after(timeout);
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), c.port.load());
    if (auto ec = c.run([&](auto handler) { c.stream->async_connect(endpoint, std::move(handler)); })) {
      c.close();
      reply.error = "connect: " + ec.message();
      return reply;
    }
    c.stream->socket().set_option(tcp::no_delay(true));
  }

  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/json");
  req.keep_alive(true);
  if (!authorization.empty()) req.set(http::field::authorization, authorization);
  req.body() = body;
  req.prepare_payload();

  http::response<http::string_body> res;
  c.stream->expires_after(timeout);
  auto ec = c.run([&](auto handler) { http::async_write(*c.stream, req, std::move(handler)); });
  if (!ec) ec = c.run([&](auto handler) { http::async_read(*c.stream, c.buffer, res, std::move(handler)); });
  if (ec) {
    // Whatever state the socket is in, a fresh one is the only safe next step.
    c.close();
    reply.error = ec.message();
    return reply;
  }
  reply.status = static_cast<int>(res.result_int());
  reply.body = std::move(res.body());
  if (!res.keep_alive()) c.close();
  return reply;
}

}  // namespace cj::bench
