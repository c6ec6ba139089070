// A keyboard-wedge scanner typing into a terminal (or any file descriptor: stdin, a pipe):
// one scan per line. The terminal must deliver what is typed (canonical mode delivers whole
// lines; raw mode delivers CR, which ends a scan too). For a scanner that must work without
// the terminal's focus, read its evdev device instead (evdev_source.h).
#pragma once

#include <string>
#include <vector>

#include "hardware/line_splitter.h"
#include "hardware/scan_source.h"

namespace cj::hardware {

class FdLineSource final : public ScanSource {
 public:
  // Reads `fd` (not closed at the end unless `owns_fd`); `name` is the reads' source ("stdin").
  explicit FdLineSource(int fd, std::string name = "stdin", bool owns_fd = false);
  ~FdLineSource() override;
  FdLineSource(const FdLineSource&) = delete;
  FdLineSource& operator=(const FdLineSource&) = delete;

  std::string name() const override { return name_; }
  int fd() const override { return closed_ ? -1 : fd_; }
  // Reads whatever is ready without blocking (the descriptor's flags are left as they are:
  // stdin is shared with the terminal). At end of input, an unterminated last scan is kept.
  std::vector<RawRead> take() override;
  std::vector<SourceError> errors() override;
  bool closed() const override { return closed_; }

 private:
  int fd_;
  std::string name_;
  bool owns_fd_;
  bool closed_ = false;
  LineSplitter splitter_;
  std::vector<SourceError> errors_;
};

}  // namespace cj::hardware
