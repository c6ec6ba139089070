// A blocking HTTP/1.1 client of the server's own API on 127.0.0.1, for the demo seeding: the
// demo's data goes through the same requests, handlers and rules as a real user's.
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
  explicit LoopbackClient(unsigned short port);
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
