#include "server/demo/loopback_client.h"

#include <openssl/pem.h>
#include <openssl/x509_vfy.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <optional>

#include <boost/asio/ssl.hpp>

#include "server/transport/beast.h"

namespace cj::demo {

using transport::beast::error_code;
namespace net = transport::net;
namespace http = transport::http;
using transport::tcp;

namespace ssl = net::ssl;

namespace {

// A client context that trusts the first certificate of cert_file alone (a partial chain: the
// server's own certificate is the trust anchor) and checks no host name; false when unreadable.
bool trust_only(ssl::context& context, const std::string& cert_file) {
  std::FILE* file = std::fopen(cert_file.c_str(), "r");
  if (!file) return false;
  X509* cert = PEM_read_X509(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  if (!cert) return false;
  X509_STORE* store = SSL_CTX_get_cert_store(context.native_handle());
  const bool added = X509_STORE_add_cert(store, cert) == 1;
  X509_free(cert);
  X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
  context.set_verify_mode(ssl::verify_peer);
  return added;
}

}  // namespace

struct LoopbackClient::Impl {
  unsigned short port = 0;
  std::string tls_cert_file;
  net::io_context ioc;
  std::optional<ssl::context> tls;                     // with tls_cert_file
  std::optional<tcp::socket> socket;                   // plain HTTP
  std::optional<ssl::stream<tcp::socket>> tls_socket;  // HTTPS
  std::mutex mutex;                                    // guards the sockets' existence against abort()
  std::atomic<bool> aborted{false};

  bool connected() const { return socket || tls_socket; }

  bool connect(std::string& error) {
    {
      std::lock_guard lock(mutex);
      if (aborted) {
        error = "aborted";
        return false;
      }
      if (!tls_cert_file.empty() && !tls) {
        tls.emplace(ssl::context::tls_client);
        if (!trust_only(*tls, tls_cert_file)) {
          tls.reset();
          error = "cannot read the certificate " + tls_cert_file;
          return false;
        }
      }
      error_code ec;
      tcp::socket* tcp_socket = nullptr;
      if (tls) {
        tcp_socket = &tls_socket.emplace(ioc, *tls).next_layer();
      } else {
        tcp_socket = &socket.emplace(ioc);
      }
      tcp_socket->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
      if (ec) {
        error = "connect: " + ec.message();
        socket.reset();
        tls_socket.reset();
        return false;
      }
    }
    if (!tls_socket) return true;
    // Outside the lock: abort() may shut the socket down under a handshake the stopping server
    // no longer answers.
    error_code ec;
    tls_socket->handshake(ssl::stream_base::client, ec);
    if (ec) {
      error = "TLS handshake: " + ec.message();
      close();
      return false;
    }
    return true;
  }

  // One exchange on whichever connection is open.
  template <class Stream>
  static void exchange(Stream& stream, const http::request<http::string_body>& req,
                       http::response<http::string_body>& res, error_code& ec) {
    http::write(stream, req, ec);
    if (ec) return;
    transport::beast::flat_buffer buffer;
    http::read(stream, buffer, res, ec);
  }

  void exchange(const http::request<http::string_body>& req, http::response<http::string_body>& res, error_code& ec) {
    if (tls_socket) return exchange(*tls_socket, req, res, ec);
    exchange(*socket, req, res, ec);
  }

  void close() {
    std::lock_guard lock(mutex);
    socket.reset();
    tls_socket.reset();
  }
};

LoopbackClient::LoopbackClient(unsigned short port, std::string tls_cert_file) : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->tls_cert_file = std::move(tls_cert_file);
}

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
    if (!impl_->connected() && !impl_->connect(reply.error)) return reply;
    error_code ec;
    http::response<http::string_body> res;
    impl_->exchange(req, res, ec);
    if (!ec) {
      reply.status = res.result_int();
      reply.body = std::move(res.body());
      if (!res.keep_alive()) impl_->close();
      return reply;
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
  if (impl_->tls_socket) ::shutdown(impl_->tls_socket->lowest_layer().native_handle(), SHUT_RDWR);
}

}  // namespace cj::demo
