// A scanner's bytes become one scan per terminator, whichever terminator it is configured with.
#include <gtest/gtest.h>

#include "hardware/line_splitter.h"

namespace cj::hardware {
namespace {

using Lines = std::vector<std::string>;

TEST(LineSplitter, CrLfAndCrlfEachEndOneScan) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed("=A99992612345600\r=<S1194100\n=+03000\r\n&/CHA9999"),
            (Lines{"=A99992612345600", "=<S1194100", "=+03000"}));
  EXPECT_EQ(splitter.rest(), "&/CHA9999");
}

TEST(LineSplitter, CrlfSplitBetweenTwoReadsIsStillOneEnd) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed("=A99992612345600\r"), Lines{"=A99992612345600"});
  EXPECT_EQ(splitter.feed("\n=<S1194100\r\n"), Lines{"=<S1194100"});
}

TEST(LineSplitter, ScanSplitOverManyReadsArrivesWhole) {
  LineSplitter splitter;
  EXPECT_TRUE(splitter.feed("=A9999").empty());
  EXPECT_TRUE(splitter.feed("26123").empty());
  EXPECT_EQ(splitter.feed("45600\n"), Lines{"=A99992612345600"});
}

TEST(LineSplitter, ControlCharactersAreDroppedButGroupSeparatorIsKept) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed(std::string("\x02]C1"
                                      "0109501101530003\x1d"
                                      "10ABC\x03\x7f\n")),
            Lines{"]C10109501101530003\x1d"
                  "10ABC"});
}

TEST(LineSplitter, ABareTerminatorIsAnEmptyScanForTheStationToReject) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed("\n"), Lines{""});
  EXPECT_EQ(splitter.feed("\r"), Lines{""});
}

TEST(LineSplitter, ABareCrlfIsOneEmptyScanNotTwo) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed("\r\n"), Lines{""});
  EXPECT_EQ(splitter.feed("=A99992612345600\r\n\r\n=<S1194100\r\n"), (Lines{"=A99992612345600", "", "=<S1194100"}));
}

TEST(LineSplitter, ABareCrlfSplitBetweenTwoReadsIsOneEmptyScan) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed("\r"), Lines{""});
  EXPECT_TRUE(splitter.feed("\n").empty());
}

TEST(LineSplitter, EveryBareTerminatorIsItsOwnEmptyScan) {
  LineSplitter splitter;
  EXPECT_EQ(splitter.feed("\r\n\n\r\r"), (Lines{"", "", "", ""}));  // CRLF, LF, CR, CR
}

TEST(LineSplitter, TheEndOfAnOverlongScanIsNoEmptyScan) {
  LineSplitter splitter;
  EXPECT_TRUE(splitter.feed(std::string(LineSplitter::kMaxLine + 10, 'A') + "\r\n").empty());
  EXPECT_EQ(splitter.take_overflows(), 1);
}

TEST(LineSplitter, OverlongScanIsCutOffAndCountedNotDelivered) {
  LineSplitter splitter;
  EXPECT_TRUE(splitter.feed(std::string(LineSplitter::kMaxLine + 10, 'A')).empty());
  EXPECT_EQ(splitter.feed("B\n=A99992612345600\n"), Lines{"=A99992612345600"});
  EXPECT_EQ(splitter.take_overflows(), 1);
  EXPECT_EQ(splitter.take_overflows(), 0);
}

}  // namespace
}  // namespace cj::hardware
