// A blocking HTTP/1.1 client of the server's own API on 127.0.0.1, for the demo seeding: the
// demo's data goes through the same requests, handlers and rules as a real user's.
//
// Over HTTPS when the server runs with --tls-cert: the seeder connects to 127.0.0.1, a name no
// real certificate carries, so instead of a CA and a host name it trusts exactly one certificate,
// the server's own (the first in its --tls-cert file), and nothing else. The demo's requests thus
// take the same listener, sessions and handlers as everyone's, and no plain-HTTP side door exists.
//
// One keep-alive connection, (re)opened when needed. abort() may be called from another thread
// to end a request in flight (the server is stopping): the request then fails.
//
// Thread-safety: request() from one thread; abort() from any.
#pragma once

#include <memory>
#include <string>

namespace cj::demo {

struct LoopbackReply {
  int status = 0;  // 0: no answer (see error)
  std::string body;
  std::string error;
};

class LoopbackClient {
 public:
  /// tls_cert_file: the server's --tls-cert (speak HTTPS, trusting that certificate alone), or
  /// empty for plain HTTP.
  explicit LoopbackClient(unsigned short port, std::string tls_cert_file = {});
  ~LoopbackClient();
  LoopbackClient(const LoopbackClient&) = delete;
  LoopbackClient& operator=(const LoopbackClient&) = delete;

  /// authorization: the whole header value ("Bearer <token>", "Station <key>"), or empty.
  LoopbackReply request(const std::string& method, const std::string& target, const std::string& body,
                        const std::string& authorization);
  /// Shuts the connection down; every later request fails at once.
  void abort();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cj::demo
