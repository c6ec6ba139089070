// A bare TCP connection to a test server on loopback, for what an HTTP client library hides: a
// client that connects and sends nothing, sends half a request, or comes from another loopback
// address (127.0.0.2: Linux routes all of 127/8 to lo).
#pragma once

#include <chrono>
#include <string>

namespace cj::testing {

class RawConnection {
 public:
  /// Connects to 127.0.0.1:port from source (an address of lo). connected() says whether it did.
  explicit RawConnection(unsigned short port, const std::string& source = "127.0.0.1");
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  RawConnection& operator=(RawConnection&&) = delete;
  RawConnection(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(const std::string& bytes);
  /// What arrives until the server closes or timeout passes; closed() then says which.
  std::string read_until_close(std::chrono::milliseconds timeout);
  /// What arrives until a whole HTTP answer with a Content-Length body is in (or timeout).
  std::string read_response(std::chrono::milliseconds timeout);
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool closed_ = false;
};

/// A TCP port on 127.0.0.1 free a moment ago (for --metrics-listen 127.0.0.1:PORT).
unsigned short free_loopback_port();

}  // namespace cj::testing
