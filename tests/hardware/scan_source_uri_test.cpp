// A station's configuration names each scan source in one line; the line opens the right kind
// of source, and a mistake is a message, not a crash.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "hardware/scan_source_uri.h"
#include "hardware/simulators/serial_simulator.h"
#include "scanner/image_decoder.h"
#include "tests/hardware/scan_wait.h"

namespace cj::hardware {
namespace {

std::string error_of(std::string_view uri) {
  scanner::ImageDecoder decoder;
  auto opened = open_scan_source(uri, decoder);
  return std::holds_alternative<std::string>(opened) ? std::get<std::string>(opened) : "(opened)";
}

TEST(ScanSourceUri, StdinIsTheTerminal) {
  scanner::ImageDecoder decoder;
  auto opened = open_scan_source("stdin", decoder);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ScanSource>>(opened));
  EXPECT_EQ(std::get<std::unique_ptr<ScanSource>>(opened)->name(), "stdin");
}

TEST(ScanSourceUri, SerialWithBaudReadsTheSimulatedScanner) {
  const std::string link = "/tmp/cj-uri-serial-" + std::to_string(getpid());
  SerialScannerSimulator scanner(link);
  scanner::ImageDecoder decoder;
  auto opened = open_scan_source("serial:" + link + "?baud=115200", decoder);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ScanSource>>(opened)) << std::get<std::string>(opened);
  ScanSource& source = *std::get<std::unique_ptr<ScanSource>>(opened);
  ASSERT_TRUE(scanner.scan("=A99992612345600"));
  EXPECT_EQ(testing::texts(testing::wait_for_reads(source, 1)), std::vector<std::string>{"=A99992612345600"});
  EXPECT_EQ(source.name(), "serial:" + link);
}

TEST(ScanSourceUri, FolderWatchesTheFolder) {
  const auto folder = std::filesystem::temp_directory_path() / ("cj-uri-folder-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  scanner::ImageDecoder decoder;
  auto opened = open_scan_source("folder:" + folder.string(), decoder);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ScanSource>>(opened));
  EXPECT_EQ(std::get<std::unique_ptr<ScanSource>>(opened)->name(), "folder:" + folder.string());
  std::filesystem::remove_all(folder);
}

TEST(ScanSourceUri, DeviceErrorsComeBackAsMessages) {
  EXPECT_EQ(error_of("camera:/dev/video-none"), "cannot open /dev/video-none: No such file or directory");
  EXPECT_NE(error_of("evdev:/dev/input/event-none?grab").find("/dev/input/event-none"), std::string::npos);
  EXPECT_NE(error_of("serial:/dev/ttyACM-none?baud=9600").find("/dev/ttyACM-none"), std::string::npos);
}

TEST(ScanSourceUri, MistakesAreNamed) {
  EXPECT_EQ(error_of("bluetooth:/dev/rfcomm0"),
            "unknown scan source kind \"bluetooth\" (stdin, evdev, serial, folder, camera)");
  EXPECT_EQ(error_of("evdev:/dev/input/event3?exclusive"), "unknown option \"exclusive\" for a evdev scan source");
  EXPECT_NE(error_of("serial:").find("not \"serial:\""), std::string::npos);
  EXPECT_NE(error_of("serial:/dev/ttyACM0?baud=12").find("unsupported serial speed 12"), std::string::npos);
}

}  // namespace
}  // namespace cj::hardware
