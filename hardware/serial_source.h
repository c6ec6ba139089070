// A serial barcode scanner (USB CDC-ACM /dev/ttyACM0, USB-serial /dev/ttyUSB0, RS-232
// /dev/ttyS0, or a stable /dev/serial/by-id/... link), read through termios in raw mode at a
// configured speed, 8N1, no flow control. Each scan is a frame ending in CR, LF or CRLF
// (line_splitter.h); a frame may arrive in pieces, and several frames in one read.
//
// Unplugging is expected at a station: when the device goes away (read error, hang-up), the
// source reports it once, fd() becomes -1, and each take() (the caller polls every 100 ms
// while fd() is -1) tries to open the same path again; a half-received frame from before the
// loss is dropped, never glued to the next one. closed() is never true: a serial scanner can
// always come back.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "hardware/line_splitter.h"
#include "hardware/scan_source.h"

namespace cj::hardware {

class SerialSource final : public ScanSource {
 public:
  // `baud`: 1200 .. 115200 (standard rates). Error: an unsupported rate, or the device cannot
  // be opened or set up (a message naming the path).
  static std::variant<std::unique_ptr<SerialSource>, std::string> open(const std::string& path, int baud = 9600);
  ~SerialSource() override;
  SerialSource(const SerialSource&) = delete;
  SerialSource& operator=(const SerialSource&) = delete;

  std::string name() const override { return "serial:" + path_; }
  int fd() const override { return fd_; }
  std::vector<RawRead> take() override;
  std::vector<SourceError> errors() override;
  bool closed() const override { return false; }

  // Whether the device is open now (false between an unplug and its return).
  bool connected() const { return fd_ >= 0; }

 private:
  SerialSource(std::string path, unsigned speed) : path_(std::move(path)), speed_(speed) {}
  // Opens and configures the device; an error message or empty.
  std::string connect();
  void lost(const std::string& why);

  std::string path_;
  unsigned speed_;  // termios speed_t constant
  int fd_ = -1;
  LineSplitter splitter_;
  std::vector<SourceError> errors_;
};

}  // namespace cj::hardware
