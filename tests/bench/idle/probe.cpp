#include "probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

namespace cj::bench {

namespace {
using Clock = std::chrono::steady_clock;

int wait_for(int fd, short events, Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, static_cast<int>(left));
}

int connect_by(unsigned short port, const std::string& source, Clock::time_point deadline) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  sockaddr_in from{};
  from.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
    ::close(fd);
    return -1;
  }
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    int error = 0;
    socklen_t size = sizeof error;
    if (errno != EINPROGRESS || wait_for(fd, POLLOUT, deadline) <= 0 ||
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0 || error != 0) {
      ::close(fd);
      return -1;
    }
  }
  return fd;
}
}  // namespace

int open_idle(unsigned short port, const std::string& source, std::chrono::milliseconds timeout) {
  return connect_by(port, source, Clock::now() + timeout);
}

Probe probe_healthz(unsigned short port, const std::string& source, std::chrono::milliseconds timeout) {
  const auto started = Clock::now();
  const auto deadline = started + timeout;
  Probe probe;
  const int fd = connect_by(port, source, deadline);
  if (fd < 0) return probe;
  static const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  std::string answer;
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    while (wait_for(fd, POLLIN, deadline) > 0) {
      const auto n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  if (answer.rfind("HTTP/1.1 ", 0) == 0 && answer.size() > 12) {
    probe.status = std::atoi(answer.c_str() + 9);
    probe.latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  }
  return probe;
}

}  // namespace cj::bench
