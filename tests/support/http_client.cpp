#include "tests/support/http_client.h"

#include <strings.h>

#include <chrono>

#include "server/transport/beast.h"
#include "tests/support/tls_setup.h"

namespace cj::testing {

using namespace cj::transport;  // the Beast/Asio aliases

namespace {

http::request<http::string_body> make_request(const std::string& method, const std::string& target,
                                              const std::string& body, const std::string& content_type,
                                              const std::string& authorization) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!authorization.empty()) req.set(http::field::authorization, authorization);
  if (!body.empty()) {
    req.set(http::field::content_type, content_type);
    req.body() = body;
  }
  req.prepare_payload();
  return req;
}

template <class Stream>
void exchange(Stream& stream, const http::request<http::string_body>& req, HttpReply& reply) {
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  reply.status = res.result_int();
  reply.content_type = std::string(res[http::field::content_type]);
  for (const auto& field : res)
    reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  reply.body = std::move(res.body());
}

}  // namespace

std::string HttpReply::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return {};
}

HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body, const std::string& content_type, const std::string& authorization) {
  HttpReply reply;
  try {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    exchange(stream, make_request(method, target, body, content_type, authorization), reply);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

HttpReply https_request(const TlsClient& tls, unsigned short port, const std::string& method, const std::string& target,
                        const std::string& body, const std::string& content_type, const std::string& authorization) {
  HttpReply reply;
  try {
    net::io_context ioc;
    ssl::context context = client_context(tls);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, context);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(stream).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    expect_host(stream, tls);
    stream.handshake(ssl::stream_base::client);
    exchange(stream, make_request(method, target, body, content_type, authorization), reply);
    beast::error_code ec;
    stream.shutdown(ec);  // close_notify; a server that just closes is fine too
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

std::string raw_exchange(unsigned short port, const std::string& bytes) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(5));
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  net::write(stream.socket(), net::buffer(bytes));
  std::string out;
  beast::error_code ec;
  char buf[4096];
  for (;;) {
    std::size_t n = stream.read_some(net::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

}  // namespace cj::testing
