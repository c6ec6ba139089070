// The station config: one flat file; every mistake reported with its line.
#include "scanner/config.h"

#include <fstream>

#include <gtest/gtest.h>

#include "scanner/curl_poster.h"
#include "tests/support/temp_dir.h"

namespace cj::scanner {
namespace {

const std::string kGood = R"(# apheresis unit, bay 2
server = https://celljourney.example:8443
station = AP-01
key = 3q2+7w
site = north
room = Apheresis 2
step = menu
menu = apheresis.collect, apheresis.label
# people sign in at the station with badge and PIN
outbox = /var/lib/celljourney-station/outbox.jsonl
input = stdin
input = serial /dev/ttyACM0 115200
input = evdev /dev/input/event3 grab
input = folder /srv/photos
needs.apheresis.collect = coi, din, wristband
timeout = 5
)";

TEST(Config, AFullConfigReads) {
  const auto result = read_config(kGood);
  ASSERT_TRUE(result.ok()) << result.errors[0].line << ": " << result.errors[0].message;
  const StationConfig& c = result.config;
  EXPECT_EQ(c.server, "https://celljourney.example:8443");
  EXPECT_EQ(c.station, "AP-01");
  EXPECT_EQ(c.key, "3q2+7w");
  EXPECT_EQ(c.step, "") << "menu: the nurse chooses";
  EXPECT_EQ(c.menu, (std::vector<std::string>{"apheresis.collect", "apheresis.label"}));
  ASSERT_EQ(c.inputs.size(), 4u);
  EXPECT_EQ(c.inputs[1].kind, "serial");
  EXPECT_EQ(c.inputs[1].path, "/dev/ttyACM0");
  EXPECT_EQ(c.inputs[1].baud, 115200);
  EXPECT_TRUE(c.inputs[2].grab);
  EXPECT_EQ(c.timeout_seconds, 5);
  EXPECT_EQ(needs_of(c, "apheresis.collect"),
            (std::vector<CodeKind>{CodeKind::Coi, CodeKind::Din, CodeKind::Wristband}));
  EXPECT_EQ(needs_of(c, "apheresis.label"), std::vector<CodeKind>{CodeKind::Coi});
}

int line_of(const ConfigResult& result, const std::string& fragment) {
  for (const auto& e : result.errors) {
    if (e.message.find(fragment) != std::string::npos) return e.line;
  }
  return -1;
}

TEST(Config, AnUnknownKeyIsReportedWithItsLine) {
  const auto result = read_config(kGood + "colour = red\n");
  EXPECT_EQ(line_of(result, "unknown key 'colour'"), 17);
}

TEST(Config, ALineWithoutEqualsIsReportedWithItsLine) {
  const auto result = read_config("server http://x\n");
  EXPECT_EQ(line_of(result, "key = value"), 1);
}

TEST(Config, AnUnknownInputOrCodeKindIsReportedWithItsLine) {
  std::string text = kGood;
  text.replace(text.find("input = folder"), 14, "input = webcam");
  text.replace(text.find("wristband"), 9, "bracelet");
  const auto result = read_config(text);
  EXPECT_EQ(line_of(result, "unknown input 'webcam'"), 14);
  EXPECT_EQ(line_of(result, "unknown code kind 'bracelet'"), 15);
}

TEST(Config, MissingKeysAreReportedForTheWholeFile) {
  const auto result = read_config("input = stdin\n");
  EXPECT_EQ(line_of(result, "'server' is missing"), 0);
  EXPECT_EQ(line_of(result, "'key' (or 'key_file') is missing"), 0);
  EXPECT_EQ(line_of(result, "'operators' is missing"), -1) << "people sign in: no operators line";
}

TEST(Config, AnOperatorsLineIsAnErrorSayingPeopleSignInWithBadgeAndPin) {
  const auto result = read_config(kGood + "operators = ann\n");
  EXPECT_EQ(line_of(result, "people sign in at the station with their badge and PIN"), 17);
}

TEST(Config, AKeyWithABadValueIsReportedAtItsLineOnlyNotAsMissing) {
  const auto result = read_config("server = ftp://x\n");
  EXPECT_EQ(line_of(result, "http://"), 1);
  EXPECT_EQ(line_of(result, "'server' is missing"), -1);
}

TEST(Config, AKeyGivenTwiceIsAnError) {
  EXPECT_EQ(line_of(read_config(kGood + "station = AP-02\n"), "'station' is given twice"), 17);
}

TEST(Config, AServerWithoutSchemeIsAnError) {
  std::string text = kGood;
  text.replace(text.find("https://"), 8, "");
  EXPECT_EQ(line_of(read_config(text), "http://"), 2);
}

TEST(Config, AMenuStepNeedsAMenu) {
  std::string text = kGood;
  text.erase(text.find("menu = apheresis"), text.find("# people") - text.find("menu = apheresis"));
  EXPECT_EQ(line_of(read_config(text), "needs a 'menu"), 7);
}

TEST(Config, AnUnreadableFileIsOneErrorAtLineZero) {
  const auto result = load_config("/nonexistent/station.conf");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 0);
}

TEST(Config, ACaFileIsReadRelativeToTheConfigAndMustBeReadable) {
  cj::testing::TempDir dir;
  std::ofstream(dir.path() / "hospital-ca.pem") << "-----BEGIN CERTIFICATE-----\n";
  const auto good = read_config(kGood + "ca_file = hospital-ca.pem\n", dir.path());
  ASSERT_TRUE(good.ok()) << good.errors[0].message;
  EXPECT_EQ(good.config.ca_file, dir.path() / "hospital-ca.pem");
  EXPECT_TRUE(read_config(kGood).config.ca_file.empty()) << "none given: the system's CAs";

  const auto missing = read_config(kGood + "ca_file = nowhere.pem\n", dir.path());
  EXPECT_EQ(line_of(missing, "cannot read the CA file"), 17) << "the line after kGood's 16";
}

TEST(Config, ACertificateFailureIsDescribedAsAnUntrustedServer) {
  // 60: CURLE_PEER_FAILED_VERIFICATION, as libcurl reports a certificate of another CA or host.
  const std::string message =
      CurlPoster::describe_failure(60, "SSL certificate problem: unable to get local issuer certificate");
  EXPECT_NE(message.find("the server's certificate is not trusted"), std::string::npos) << message;
  EXPECT_NE(message.find("ca_file"), std::string::npos) << message;
  EXPECT_EQ(CurlPoster::describe_failure(7, "Failed to connect"), "Failed to connect");
}

}  // namespace
}  // namespace cj::scanner
