// LineSplitter: the bytes a keyboard-wedge or serial scanner sends, cut into one string per
// scan. A scan ends at CR, LF or CRLF (scanners are configured with any of the three); CRLF is
// one end, not an end and an empty scan. A terminator with nothing before it is an empty scan
// ("" is delivered: the station shows it as an error, a read that read nothing); a bare CRLF is
// one empty scan, not two. Other control characters are dropped, except GS
// (0x1D): GS1 symbols carry FNC1 as GS, and a scanner that transmits it means it. Bytes 0x80
// and above are kept (UTF-8 from QR codes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cj::hardware {

class LineSplitter {
 public:
  // A scan longer than this is cut off and reported (a scanner that never sends its
  // terminator must not grow memory without bound).
  static constexpr std::size_t kMaxLine = 4096;

  // The scans completed by `bytes`, in order; a bare terminator gives an empty scan "" (CRLF,
  // even split between two calls, is one terminator). The end of an over-long scan gives none.
  std::vector<std::string> feed(std::string_view bytes);
  // What was received after the last terminator (at end of input); the splitter is then empty.
  std::string rest();
  // How many over-long scans were cut off since the last call.
  int take_overflows();

 private:
  std::string line_;
  bool after_cr_ = false;
  bool overflowing_ = false;
  int overflows_ = 0;
};

}  // namespace cj::hardware
