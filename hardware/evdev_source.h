// A keyboard-wedge scanner read from its Linux input device (/dev/input/eventN, or a stable
// /dev/input/by-id/... link), so the station gets scans without the terminal's focus. Key
// presses are turned into characters with the US layout (shift tracked; Ctrl+] gives GS, as
// scanners send FNC1 in keyboard mode); Enter ends a scan. With `grab`, EVIOCGRAB keeps the
// scanner's keystrokes from also reaching the console or another program.
//
// When the device goes away (unplugged: ENODEV) the source reports it, fd() becomes -1, and
// every take() tries to open the same path again, so the scanner works again when it is
// plugged back in. closed() is true only for a source built on a descriptor (end of input).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "hardware/line_splitter.h"
#include "hardware/scan_source.h"

namespace cj::hardware {

class EvdevSource final : public ScanSource {
 public:
  // Opens `path` (non-blocking) and grabs it when asked. Error: a message naming the path.
  static std::variant<std::unique_ptr<EvdevSource>, std::string> open(const std::string& path, bool grab);
  // Reads struct input_event records from `fd` (a pipe or socket in tests); takes ownership.
  EvdevSource(int fd, std::string name);
  ~EvdevSource() override;
  EvdevSource(const EvdevSource&) = delete;
  EvdevSource& operator=(const EvdevSource&) = delete;

  std::string name() const override { return name_; }
  int fd() const override { return fd_; }
  std::vector<RawRead> take() override;
  std::vector<SourceError> errors() override;
  bool closed() const override { return closed_; }

 private:
  EvdevSource(int fd, std::string name, std::string path, bool grab);
  void key(int code, int value, std::vector<RawRead>& reads);
  void lost(const std::string& why);

  int fd_;
  std::string name_;
  std::string path_;  // empty: built on a descriptor, no reopening
  bool grab_ = false;
  bool closed_ = false;
  bool left_shift_ = false, right_shift_ = false, ctrl_ = false, caps_lock_ = false;
  std::string pending_;  // bytes of a partial input_event
  LineSplitter splitter_;
  std::vector<SourceError> errors_;
};

}  // namespace cj::hardware
