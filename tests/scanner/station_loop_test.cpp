// The station's loop over a keyboard-wedge scanner (bytes on a pipe, as stdin gets them): an
// empty line is REJECTED on the screen like a bad code, never ignored; a bare CR LF is one empty
// line, not two; the scan set so far is kept.
#include "scanner/station.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "hardware/wedge_source.h"
#include "tests/scanner/fake_server.h"
#include "tests/scanner/scanner_test_codes.h"

namespace cj::scanner {
namespace {


class StationLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/cj-station-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    previous_logger_ = spdlog::default_logger();
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("station-loop-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_)));
  }
  void TearDown() override {
    spdlog::set_default_logger(previous_logger_);
    std::filesystem::remove_all(dir_);
  }

  // Runs a station for apheresis.label (needs COI and DIN) while a wedge scanner types `bytes`
  // after ann signed in (badge, PIN), and the input then ends; returns its screen as plain lines.
  std::string run_station(const std::string& scans) {
    const std::string bytes = "BADGE-ANN\r\n246802\r\n" + scans;
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    EXPECT_EQ(::write(fds[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    ::close(fds[1]);
    std::vector<std::unique_ptr<hardware::ScanSource>> inputs;
    inputs.push_back(std::make_unique<hardware::FdLineSource>(fds[0], "stdin", true));

    StationConfig config;
    config.station = "AP-01";
    config.step = "apheresis.label";
    config.site = "w1";
    config.outbox = dir_ / "outbox.jsonl";
    config.needs["apheresis.label"] = {CodeKind::Coi, CodeKind::Din};
    Outbox outbox(dir_ / "outbox.jsonl");
    testing::FakeServer poster;
    const std::filesystem::path screen_path = dir_ / "screen.txt";
    const int screen_fd = ::open(screen_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    EXPECT_GE(screen_fd, 0);
    {
      Screen screen(screen_fd);  // a file, not a terminal: one plain line per change
      Station station(config, std::move(inputs), outbox, poster, poster, SenderOptions{}, screen, StationOptions{true});
      EXPECT_EQ(station.run(), 0);
    }
    ::close(screen_fd);
    std::ifstream in(screen_path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // How often the station logged that it rejected a read with `code`.
  int rejections(const std::string& code) const {
    const std::string log = log_.str();
    const std::string needle = "rejected at the station: " + code;
    int count = 0;
    for (auto at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1)) ++count;
    return count;
  }

  std::filesystem::path dir_;
  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> previous_logger_;
};

constexpr const char* kEmptyReadLine =
    "REJECTED [apheresis.label] (Ann Smith, apheresis): Empty scan: nothing was read. Scan the barcode again.\n";

TEST_F(StationLoopTest, AnEmptyLineFromTheScannerIsShownRejected) {
  const std::string screen = run_station("\n");

  EXPECT_NE(screen.find(kEmptyReadLine), std::string::npos) << screen;
  EXPECT_EQ(rejections("EMPTY_READ"), 1) << log_.str();
}

TEST_F(StationLoopTest, ABareCrLfIsOneEmptyLineNotTwo) {
  run_station("\r\n");

  EXPECT_EQ(rejections("EMPTY_READ"), 1) << log_.str();
}

TEST_F(StationLoopTest, EachEmptyLineIsRejectedOnItsOwn) {
  run_station("\r\n\r\n\n");

  EXPECT_EQ(rejections("EMPTY_READ"), 3) << log_.str();
}

TEST_F(StationLoopTest, ALineOfOnlySpacesIsAnEmptyRead) {
  const std::string screen = run_station("   \r\n");

  EXPECT_NE(screen.find(kEmptyReadLine), std::string::npos) << screen;
}

TEST_F(StationLoopTest, AnEmptyLineInTheMiddleOfASetKeepsTheCodesScannedSoFar) {
  const std::string screen = run_station(testing::coi_text("00001A") + "\r\n\r\n" + testing::din_text(1) + "\r\n");

  EXPECT_NE(screen.find(kEmptyReadLine), std::string::npos) << screen;
  EXPECT_EQ(rejections("EMPTY_READ"), 1) << log_.str();
  EXPECT_NE(screen.find("SAVED"), std::string::npos) << "the COI before the empty line still counts\n" << screen;
}

}  // namespace
}  // namespace cj::scanner
