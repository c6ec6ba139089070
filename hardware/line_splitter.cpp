#include "hardware/line_splitter.h"

#include <utility>

namespace cj::hardware {

std::vector<std::string> LineSplitter::feed(std::string_view bytes) {
  std::vector<std::string> lines;
  for (const char c : bytes) {
    const bool cr = c == '\r', lf = c == '\n';
    if (lf && after_cr_) {  // the LF of a CRLF: the scan already ended at the CR
      after_cr_ = false;
      continue;
    }
    after_cr_ = cr;
    if (cr || lf) {
      if (!overflowing_) lines.push_back(std::move(line_));
      line_.clear();
      overflowing_ = false;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != 0x1d) || byte == 0x7f) continue;
    if (overflowing_) continue;
    if (line_.size() >= kMaxLine) {
      overflowing_ = true;
      ++overflows_;
      line_.clear();
      continue;
    }
    line_ += c;
  }
  return lines;
}

std::string LineSplitter::rest() {
  std::string rest = overflowing_ ? std::string() : std::move(line_);
  line_.clear();
  overflowing_ = false;
  after_cr_ = false;
  return rest;
}

int LineSplitter::take_overflows() { return std::exchange(overflows_, 0); }

}  // namespace cj::hardware
