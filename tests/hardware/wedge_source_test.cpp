// A keyboard-wedge scanner typing into a file descriptor (a pipe standing in for stdin): one
// scan per line, nothing read ahead of time, the last unterminated scan kept at end of input.
#include <gtest/gtest.h>

#include <unistd.h>

#include "hardware/wedge_source.h"
#include "tests/hardware/scan_wait.h"

namespace cj::hardware {
namespace {

using testing::texts;
using testing::wait_for_reads;

struct Pipe {
  int read_end = -1, write_end = -1;
  Pipe() {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() {
    if (write_end >= 0) close(write_end);
  }
  void write_all(std::string_view bytes) {
    ASSERT_EQ(write(write_end, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }
  void close_write() {
    close(write_end);
    write_end = -1;
  }
};

TEST(WedgeSource, EachTypedLineIsOneScanFromStdin) {
  Pipe pipe;
  FdLineSource source(pipe.read_end, "stdin", true);
  pipe.write_all("=A99992612345600\n=<S1194100\n");
  const std::vector<RawRead> reads = wait_for_reads(source, 2);
  EXPECT_EQ(texts(reads), (std::vector<std::string>{"=A99992612345600", "=<S1194100"}));
  EXPECT_EQ(reads[0].source, "stdin");
  EXPECT_TRUE(reads[0].symbology.empty());
  EXPECT_FALSE(source.closed());
}

TEST(WedgeSource, TakeReturnsNothingWhenNothingIsTyped) {
  Pipe pipe;
  FdLineSource source(pipe.read_end, "stdin", true);
  EXPECT_TRUE(source.take().empty());  // would block forever if it read without poll
  pipe.write_all("=A9999");
  EXPECT_TRUE(source.take().empty());  // half a scan is not a scan
}

TEST(WedgeSource, EndOfInputClosesTheSourceAndKeepsTheLastScan) {
  Pipe pipe;
  FdLineSource source(pipe.read_end, "stdin", true);
  pipe.write_all("]C0=A99992612345600\r\n=<S1194100");
  pipe.close_write();
  const std::vector<RawRead> reads = wait_for_reads(source, 2);
  EXPECT_EQ(texts(reads), (std::vector<std::string>{"]C0=A99992612345600", "=<S1194100"}));
  EXPECT_TRUE(source.closed());
  EXPECT_EQ(source.fd(), -1);
  EXPECT_TRUE(source.errors().empty());
}

}  // namespace
}  // namespace cj::hardware
