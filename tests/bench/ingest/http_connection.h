// One keep-alive HTTP/1.1 connection to the server on 127.0.0.1, as a station's client holds
// it: requests go one after the other on the same socket, which is (re)opened when needed.
//
// Every operation has a deadline (Beast's timeouts hold only for asynchronous operations, so
// each call runs its operations on the connection's own io_context until they finish).
// The port is read at each (re)connect: after a restart on another port, the next request
// goes there.
//
// Thread-safety: one connection per thread.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace cj::bench {

struct HttpReply {
  int status = 0;  // 0: no answer (connection refused or lost, timeout); see error
  std::string body;
  std::string error;
};

class HttpConnection {
 public:
  explicit HttpConnection(const std::atomic<unsigned short>& port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  /// authorization: the whole header value ("Station <key>", "Bearer <token>"), or empty.
  HttpReply request(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& authorization,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cj::bench
