// A serial scanner on a pseudo-terminal pair (the simulator writes frames as a scanner does):
// frames arrive whole however the bytes are cut, and the source survives the scanner being
// pulled out and put back.
#include <gtest/gtest.h>

#include <unistd.h>

#include "hardware/simulators/serial_simulator.h"
#include "hardware/serial_source.h"
#include "tests/hardware/scan_wait.h"

namespace cj::hardware {
namespace {

using testing::texts;
using testing::wait_for_reads;
using Texts = std::vector<std::string>;

class SerialSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    link_ = "/tmp/cj-serial-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    scanner_ = std::make_unique<SerialScannerSimulator>(link_);
    auto opened = SerialSource::open(link_, 115200);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<SerialSource>>(opened)) << std::get<std::string>(opened);
    source_ = std::move(std::get<std::unique_ptr<SerialSource>>(opened));
  }

  std::string link_;
  std::unique_ptr<SerialScannerSimulator> scanner_;
  std::unique_ptr<SerialSource> source_;
};

TEST_F(SerialSourceTest, OneFramePerScan) {
  ASSERT_TRUE(scanner_->scan("]C0=A99992612345600"));
  const std::vector<RawRead> reads = wait_for_reads(*source_, 1);
  EXPECT_EQ(texts(reads), Texts{"]C0=A99992612345600"});
  EXPECT_EQ(reads[0].source, "serial:" + link_);
}

TEST_F(SerialSourceTest, FrameSplitOverSeveralWritesArrivesWhole) {
  ASSERT_TRUE(scanner_->send("=A9999"));
  EXPECT_TRUE(wait_for_reads(*source_, 1, std::chrono::milliseconds(50)).empty());
  ASSERT_TRUE(scanner_->send("2612345"));
  ASSERT_TRUE(scanner_->send("600\r"));
  ASSERT_TRUE(scanner_->send("\n"));
  EXPECT_EQ(texts(wait_for_reads(*source_, 1)), Texts{"=A99992612345600"});
  EXPECT_TRUE(wait_for_reads(*source_, 1, std::chrono::milliseconds(50)).empty());  // the late LF made no empty scan
}

TEST_F(SerialSourceTest, TwoScansInOneWriteAreTwoReads) {
  ASSERT_TRUE(scanner_->send("=A99992612345600\r\n=<S1194100\r\n"));
  EXPECT_EQ(texts(wait_for_reads(*source_, 2)), (Texts{"=A99992612345600", "=<S1194100"}));
}

TEST_F(SerialSourceTest, ScannerPulledOutIsReportedAndItsReturnIsPickedUp) {
  ASSERT_TRUE(scanner_->send("=A9999261"));  // half a frame, then the cable is pulled
  EXPECT_TRUE(wait_for_reads(*source_, 1, std::chrono::milliseconds(50)).empty());
  scanner_->unplug();
  wait_for_reads(*source_, 1, std::chrono::milliseconds(100));
  EXPECT_FALSE(source_->connected());
  EXPECT_EQ(source_->fd(), -1);
  const std::vector<SourceError> errors = source_->errors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("disconnected"), std::string::npos);
  EXPECT_FALSE(source_->closed());

  scanner_->plug_in();
  ASSERT_TRUE(scanner_->scan("=<S1194100"));
  EXPECT_EQ(texts(wait_for_reads(*source_, 1)), Texts{"=<S1194100"});  // not glued to the lost half
  EXPECT_TRUE(source_->connected());
  EXPECT_TRUE(source_->errors().empty());  // the absence was reported once
}

TEST(SerialSource, MissingDeviceIsAnError) {
  auto opened = SerialSource::open("/dev/ttyACM-none");
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_NE(std::get<std::string>(opened).find("/dev/ttyACM-none"), std::string::npos);
}

TEST(SerialSource, UnsupportedSpeedIsAnError) {
  auto opened = SerialSource::open("/dev/null", 12345);
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_NE(std::get<std::string>(opened).find("12345"), std::string::npos);
}

TEST(SerialSource, SomethingThatIsNoTerminalIsAnError) {
  auto opened = SerialSource::open("/dev/null");
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_NE(std::get<std::string>(opened).find("not a serial device"), std::string::npos);
}

}  // namespace
}  // namespace cj::hardware
