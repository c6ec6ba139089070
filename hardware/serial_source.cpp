#include "hardware/serial_source.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace cj::hardware {
namespace {

speed_t speed_of(int baud) {
  switch (baud) {
    case 1200:
      return B1200;
    case 2400:
      return B2400;
    case 4800:
      return B4800;
    case 9600:
      return B9600;
    case 19200:
      return B19200;
    case 38400:
      return B38400;
    case 57600:
      return B57600;
    case 115200:
      return B115200;
    default:
      return B0;
  }
}

}  // namespace

std::variant<std::unique_ptr<SerialSource>, std::string> SerialSource::open(const std::string& path, int baud) {
  const speed_t speed = speed_of(baud);
  if (speed == B0) return "unsupported serial speed " + std::to_string(baud) + " (1200 to 115200)";
  std::unique_ptr<SerialSource> source(new SerialSource(path, speed));
  if (std::string error = source->connect(); !error.empty()) return error;
  return source;
}

SerialSource::~SerialSource() {
  if (fd_ >= 0) close(fd_);
}

std::string SerialSource::connect() {
  // O_NOCTTY: a scanner must never become the station's controlling terminal.
  const int fd = ::open(path_.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return "cannot open " + path_ + ": " + std::strerror(errno);
  termios tio{};
  if (tcgetattr(fd, &tio) != 0) {
    const std::string error = path_ + " is not a serial device: " + std::strerror(errno);
    close(fd);
    return error;
  }
  cfmakeraw(&tio);  // bytes as sent: no echo, no CR/LF translation, no line editing
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cflag &= ~(CSTOPB | CRTSCTS | PARENB);
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  cfsetispeed(&tio, speed_);
  cfsetospeed(&tio, speed_);
  if (tcsetattr(fd, TCSANOW, &tio) != 0) {
    const std::string error = "cannot set up " + path_ + ": " + std::strerror(errno);
    close(fd);
    return error;
  }
  fd_ = fd;
  return {};
}

void SerialSource::lost(const std::string& why) {
  errors_.push_back({name(), why});
  close(fd_);
  fd_ = -1;
  splitter_.rest();
}

std::vector<RawRead> SerialSource::take() {
  std::vector<RawRead> reads;
  if (fd_ < 0) {
    if (!connect().empty()) return reads;  // still away; reported once when it went
  }
  for (int rounds = 0; fd_ >= 0 && rounds < 64; ++rounds) {
    char buffer[4096];
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) break;
    if (n == 0) {
      // Raw mode with VMIN 0 reads 0 bytes both when nothing is there and after a hang-up
      // (the USB device or the pty's other side gone); poll() tells them apart.
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL))) lost("scanner disconnected (hang-up)");
      break;
    }
    if (n < 0) {
      lost("scanner disconnected (" + std::string(std::strerror(errno)) + ")");
      break;
    }
    for (std::string& line : splitter_.feed({buffer, static_cast<std::size_t>(n)})) {
      reads.push_back({std::move(line), name(), {}});
    }
  }
  if (splitter_.take_overflows() > 0)
    errors_.push_back({name(), "frame longer than 4096 bytes without an end, ignored"});
  return reads;
}

std::vector<SourceError> SerialSource::errors() { return std::exchange(errors_, {}); }

}  // namespace cj::hardware
