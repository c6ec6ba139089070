#include "hardware/evdev_source.h"

#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cctype>
#include <cstring>
#include <utility>

#include "hardware/evdev_keymap.h"

namespace cj::hardware {

std::variant<std::unique_ptr<EvdevSource>, std::string> EvdevSource::open(const std::string& path, bool grab) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return "cannot open " + path + ": " + std::strerror(errno);
  if (grab && ioctl(fd, EVIOCGRAB, 1) != 0) {
    const std::string message = "cannot grab " + path + " (EVIOCGRAB): " + std::strerror(errno);
    close(fd);
    return message;
  }
  return std::unique_ptr<EvdevSource>(new EvdevSource(fd, "evdev:" + path, path, grab));
}

EvdevSource::EvdevSource(int fd, std::string name) : EvdevSource(fd, std::move(name), {}, false) {}

EvdevSource::EvdevSource(int fd, std::string name, std::string path, bool grab)
    : fd_(fd), name_(std::move(name)), path_(std::move(path)), grab_(grab) {}

EvdevSource::~EvdevSource() {
  if (fd_ >= 0) close(fd_);
}

void EvdevSource::lost(const std::string& why) {
  errors_.push_back({name_, why});
  close(fd_);
  fd_ = -1;
  pending_.clear();
  splitter_.rest();  // half a scan from before the loss is not a scan
  if (path_.empty()) closed_ = true;
}

void EvdevSource::key(int code, int value, std::vector<RawRead>& reads) {
  // value: 1 press, 0 release, 2 autorepeat (a scanner does not hold keys; repeats are ignored).
  switch (code) {
    case KEY_LEFTSHIFT:
      left_shift_ = value != 0;
      return;
    case KEY_RIGHTSHIFT:
      right_shift_ = value != 0;
      return;
    case KEY_LEFTCTRL:
    case KEY_RIGHTCTRL:
      ctrl_ = value != 0;
      return;
    default:
      break;
  }
  if (value != 1) return;
  if (code == KEY_CAPSLOCK) {
    caps_lock_ = !caps_lock_;
    return;
  }
  std::string bytes;
  if (code == KEY_ENTER || code == KEY_KPENTER) {
    bytes = "\n";
  } else if (ctrl_ && code == KEY_RIGHTBRACE) {
    bytes = "\x1d";
  } else if (char c = us_key_char(code, left_shift_ || right_shift_); c != 0 && !ctrl_) {
    if (caps_lock_ && std::isalpha(static_cast<unsigned char>(c))) {
      c = static_cast<char>(std::isupper(static_cast<unsigned char>(c)) ? std::tolower(c) : std::toupper(c));
    }
    bytes = std::string(1, c);
  }
  for (std::string& line : splitter_.feed(bytes)) reads.push_back({std::move(line), name_, {}});
}

std::vector<RawRead> EvdevSource::take() {
  std::vector<RawRead> reads;
  if (fd_ < 0 && !path_.empty()) {  // unplugged: try the same path again
    const int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return reads;
    if (grab_) ioctl(fd, EVIOCGRAB, 1);
    fd_ = fd;
    left_shift_ = right_shift_ = ctrl_ = false;
  }
  for (int rounds = 0; fd_ >= 0 && rounds < 64; ++rounds) {
    char buffer[64 * sizeof(input_event)];
    const ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) break;
    if (n < 0) {
      lost("scanner gone (" + std::string(std::strerror(errno)) + ")");
      break;
    }
    if (n == 0) {
      lost("end of input");
      break;
    }
    pending_.append(buffer, static_cast<std::size_t>(n));
    std::size_t offset = 0;
    for (; offset + sizeof(input_event) <= pending_.size(); offset += sizeof(input_event)) {
      input_event event;
      std::memcpy(&event, pending_.data() + offset, sizeof event);
      if (event.type == EV_KEY) key(event.code, event.value, reads);
    }
    pending_.erase(0, offset);
  }
  return reads;
}

std::vector<SourceError> EvdevSource::errors() { return std::exchange(errors_, {}); }

}  // namespace cj::hardware
