// A keyboard-wedge scanner read from its input device. There is no /dev/uinput here, so the
// device is a socket pair carrying real struct input_event records, as the kernel delivers
// them: key press, release, autorepeat and SYN reports, written in arbitrary pieces.
#include <gtest/gtest.h>

#include <linux/input.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "hardware/evdev_keymap.h"
#include "hardware/evdev_source.h"
#include "tests/hardware/scan_wait.h"

namespace cj::hardware {
namespace {

using testing::texts;
using testing::wait_for_reads;

std::string event(int type, int code, int value) {
  input_event e{};
  e.type = static_cast<__u16>(type);
  e.code = static_cast<__u16>(code);
  e.value = value;
  return {reinterpret_cast<const char*>(&e), sizeof e};
}

std::string key(int code, int value) { return event(EV_KEY, code, value) + event(EV_SYN, SYN_REPORT, 0); }

// The events a scanner sends to type `text` (US layout), then Enter.
std::string typed(std::string_view text) {
  std::string events;
  for (const char c : text) {
    int code = -1;
    bool shift = false;
    for (int k = 0; k < 256 && code < 0; ++k) {
      if (us_key_char(k, false) == c) code = k;
      else if (us_key_char(k, true) == c) code = k, shift = true;
    }
    EXPECT_GE(code, 0) << "no key for " << c;
    if (shift) events += key(KEY_LEFTSHIFT, 1);
    events += key(code, 1) + key(code, 0);
    if (shift) events += key(KEY_LEFTSHIFT, 0);
  }
  return events + key(KEY_ENTER, 1) + key(KEY_ENTER, 0);
}

class EvdevSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int fds[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
    source_ = std::make_unique<EvdevSource>(fds[0], "evdev:test");
    device_ = fds[1];
  }
  void TearDown() override {
    if (device_ >= 0) close(device_);
  }
  void send(std::string_view bytes) {
    ASSERT_EQ(write(device_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }

  std::unique_ptr<EvdevSource> source_;
  int device_ = -1;
};

TEST_F(EvdevSourceTest, KeyPressesWithShiftBecomeTheScannedText) {
  send(typed("=A99992612345600") + typed("=<S1194100") + typed("&/CHA9999260001A"));
  const std::vector<RawRead> reads = wait_for_reads(*source_, 3);
  EXPECT_EQ(texts(reads), (std::vector<std::string>{"=A99992612345600", "=<S1194100", "&/CHA9999260001A"}));
  EXPECT_EQ(reads[0].source, "evdev:test");
}

TEST_F(EvdevSourceTest, EventsSplitMidRecordAreReassembled) {
  const std::string events = typed("=A99992612345600");
  std::vector<RawRead> reads;
  for (std::size_t i = 0; i < events.size(); i += 7) {
    send(events.substr(i, 7));
    for (RawRead& read : source_->take()) reads.push_back(read);  // a socket write is there at once
  }
  EXPECT_EQ(texts(reads), std::vector<std::string>{"=A99992612345600"});
}

TEST_F(EvdevSourceTest, AutorepeatAndReleasesTypeNothing) {
  send(key(KEY_A, 1) + key(KEY_A, 2) + key(KEY_A, 2) + key(KEY_A, 0) + key(KEY_KPENTER, 1));
  EXPECT_EQ(texts(wait_for_reads(*source_, 1)), std::vector<std::string>{"a"});
}

TEST_F(EvdevSourceTest, ControlBracketIsTheGroupSeparatorOfGs1Data) {
  std::string events = typed("0109501101530003");
  events.resize(events.size() - 2 * key(KEY_ENTER, 1).size());  // no Enter yet
  events += key(KEY_LEFTCTRL, 1) + key(KEY_RIGHTBRACE, 1) + key(KEY_RIGHTBRACE, 0) + key(KEY_LEFTCTRL, 0);
  send(events + typed("10ABC"));
  EXPECT_EQ(texts(wait_for_reads(*source_, 1)), std::vector<std::string>{"0109501101530003\x1d"
                                                                         "10ABC"});
}

TEST_F(EvdevSourceTest, EndOfTheDeviceStreamClosesADescriptorSource) {
  send(typed("=<S1194100"));
  close(device_);
  device_ = -1;
  EXPECT_EQ(texts(wait_for_reads(*source_, 1)), std::vector<std::string>{"=<S1194100"});
  wait_for_reads(*source_, 1, std::chrono::milliseconds(100));
  EXPECT_TRUE(source_->closed());
  EXPECT_EQ(source_->errors().size(), 1u);
}

TEST(EvdevSource, MissingDeviceIsAnErrorNamingIt) {
  auto opened = EvdevSource::open("/dev/input/event-none", true);
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_NE(std::get<std::string>(opened).find("/dev/input/event-none"), std::string::npos);
}

TEST(EvdevSource, GrabbingSomethingThatIsNoInputDeviceFails) {
  auto opened = EvdevSource::open("/dev/null", true);
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_NE(std::get<std::string>(opened).find("EVIOCGRAB"), std::string::npos);
}

}  // namespace
}  // namespace cj::hardware
