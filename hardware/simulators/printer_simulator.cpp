#include "hardware/simulators/printer_simulator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace cj::hardware {

PrinterSimulator::PrinterSimulator(std::uint16_t port) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) throw std::system_error(errno, std::generic_category(), "printer simulator: socket");
  const int on = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  socklen_t length = sizeof address;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 16) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0 || ::pipe2(wake_, O_CLOEXEC) != 0) {
    const int e = errno;
    ::close(listener_);
    throw std::system_error(e, std::generic_category(), "printer simulator: listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

PrinterSimulator::~PrinterSimulator() {
  const char stop = 's';
  [[maybe_unused]] const ssize_t n = ::write(wake_[1], &stop, 1);
  thread_.join();
  for (int fd : stalled_) ::close(fd);
  ::close(listener_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void PrinterSimulator::set_mode(Mode mode, std::size_t hang_up_after) {
  std::lock_guard lock(mutex_);
  mode_ = mode;
  hang_up_after_ = hang_up_after;
}

std::vector<std::string> PrinterSimulator::jobs() const {
  std::lock_guard lock(mutex_);
  return jobs_;
}

bool PrinterSimulator::wait_for_jobs(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] { return jobs_.size() >= count; });
}

void PrinterSimulator::serve() {
  while (true) {
    pollfd fds[2] = {{listener_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection >= 0) take(connection);
  }
}

// One job per connection, read on this thread: a printer prints one job at a time.
void PrinterSimulator::take(int connection) {
  Mode mode;
  std::size_t limit;
  {
    std::lock_guard lock(mutex_);
    mode = mode_;
    limit = hang_up_after_;
  }
  if (mode == Mode::Stall) {
    stalled_.push_back(connection);  // kept open, never read, closed with the simulator
    return;
  }
  std::string job;
  char buffer[16384];
  while (true) {
    pollfd p{connection, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) break;  // a sender that goes quiet: drop the connection
    const ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (n == 0) {
      std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(job));
      arrived_.notify_all();
      break;
    }
    job.append(buffer, static_cast<std::size_t>(n));
    if (mode == Mode::HangUp && job.size() >= limit) {
      const linger reset{1, 0};  // close with RST: the sender sees the break
      ::setsockopt(connection, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
      break;
    }
  }
  ::close(connection);
}

}  // namespace cj::hardware
