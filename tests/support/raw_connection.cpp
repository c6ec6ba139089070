#include "tests/support/raw_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

namespace cj::testing {

RawConnection::RawConnection(unsigned short port, const std::string& source) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  sockaddr_in from{};
  from.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(const std::string& bytes) {
  std::size_t sent = 0;
  while (fd_ >= 0 && sent < bytes.size()) {
    const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return fd_ >= 0;
}

namespace {
// Reads what is there within the time left; false when nothing more will come (closed, error).
bool read_some(int fd, std::string& out, std::chrono::steady_clock::time_point deadline, bool& closed) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char buffer[4096];
  const auto n = ::recv(fd, buffer, sizeof buffer, 0);
  if (n <= 0) {
    closed = true;  // EOF or reset: the server closed it
    return false;
  }
  out.append(buffer, static_cast<std::size_t>(n));
  return true;
}
}  // namespace

std::string RawConnection::read_until_close(std::chrono::milliseconds timeout) {
  std::string out;
  if (fd_ < 0) return out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (read_some(fd_, out, deadline, closed_)) {
  }
  return out;
}

std::string RawConnection::read_response(std::chrono::milliseconds timeout) {
  std::string out;
  if (fd_ < 0) return out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (read_some(fd_, out, deadline, closed_)) {
    const auto end = out.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    std::size_t length = 0;
    const auto at = out.find("Content-Length: ");
    if (at != std::string::npos && at < end) length = std::strtoul(out.c_str() + at + 16, nullptr, 10);
    if (out.size() >= end + 4 + length) break;
  }
  return out;
}

unsigned short free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in at{};
  at.sin_family = AF_INET;
  ::inet_pton(AF_INET, "127.0.0.1", &at.sin_addr);
  socklen_t size = sizeof at;
  unsigned short port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&at), sizeof at) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&at), &size) == 0) {
    port = ntohs(at.sin_port);
  }
  if (fd >= 0) ::close(fd);
  return port;
}

}  // namespace cj::testing
