#include "hardware/wedge_source.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace cj::hardware {

FdLineSource::FdLineSource(int fd, std::string name, bool owns_fd)
    : fd_(fd), name_(std::move(name)), owns_fd_(owns_fd) {}

FdLineSource::~FdLineSource() {
  if (owns_fd_ && fd_ >= 0) close(fd_);
}

std::vector<RawRead> FdLineSource::take() {
  std::vector<RawRead> reads;
  auto add = [&](std::string text) { reads.push_back({std::move(text), name_, {}}); };
  // poll() before every read: the descriptor may be blocking and is not ours to change.
  for (int rounds = 0; !closed_ && rounds < 64; ++rounds) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR))) break;
    char buffer[4096];
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      if (n < 0) errors_.push_back({name_, std::string("read failed: ") + std::strerror(errno)});
      closed_ = true;
      if (std::string last = splitter_.rest(); !last.empty()) add(std::move(last));
      break;
    }
    for (std::string& line : splitter_.feed({buffer, static_cast<std::size_t>(n)})) add(std::move(line));
  }
  if (const int cut = splitter_.take_overflows(); cut > 0) {
    errors_.push_back({name_, "scan longer than 4096 characters without an end of line, ignored"});
  }
  return reads;
}

std::vector<SourceError> FdLineSource::errors() { return std::exchange(errors_, {}); }

}  // namespace cj::hardware
