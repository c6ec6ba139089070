// The station's loop with people and forms, against an in-process fake of the server (the real
// server is in end_to_end/): sign-in with badge + PIN, offline sign-in with a sealed proof, the
// badge again signing out, a witness who is the operator refused, the form's fields and
// checklist, a DIN typed with its check character.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "hardware/wedge_source.h"
#include "isbt128/din.h"
#include "scanner/station.h"
#include "tests/scanner/fake_server.h"
#include "tests/scanner/scanner_test_codes.h"

namespace cj::scanner {
namespace {

namespace json = boost::json;

// A receipt form: a number with a range, an optional text, a checklist; `witnesses` people.
std::string receipt_forms(int witnesses) {
  json::object form{
      {"step", "cell_lab.receive"},
      {"title", "Receive the shipper at the cell lab"},
      {"roles", json::array{"apheresis"}},
      {"witnesses", witnesses},
      {"scans", json::object{{"coi", true}, {"wristband", false}, {"structures", json::array{"001"}}}},
      {"fields", json::array{json::object{{"name", "temperature_c"},
                                          {"label", "Temperature"},
                                          {"type", "number"},
                                          {"unit", "C"},
                                          {"required", true},
                                          {"min", -196},
                                          {"max", -150},
                                          {"breach", "refusal"}},
                             json::object{{"name", "note"}, {"label", "Note"}, {"type", "text"}, {"required", false}}}},
      {"checklist", json::array{json::object{{"id", "shipper_intact"}, {"question", "Is the shipper intact?"}},
                                json::object{{"id", "seals_intact"}, {"question", "Are the seals intact?"}}}}};
  return json::serialize(json::object{{"product", ""}, {"steps", json::array{form}}});
}

class StationFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/cj-station-flow-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    previous_logger_ = spdlog::default_logger();
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("station-flow-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_)));
  }
  void TearDown() override {
    spdlog::set_default_logger(previous_logger_);
    std::filesystem::remove_all(dir_);
  }

  // Runs the station at step `step` over the lines typed; returns its screen (plain lines).
  std::string run(const std::vector<std::string>& lines, const std::string& step = "apheresis.label") {
    std::string bytes;
    for (const auto& line : lines) bytes += line + "\r\n";
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    EXPECT_EQ(::write(fds[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    ::close(fds[1]);
    std::vector<std::unique_ptr<hardware::ScanSource>> inputs;
    inputs.push_back(std::make_unique<hardware::FdLineSource>(fds[0], "stdin", true));
    StationConfig config;
    config.station = "AP-01";
    config.key = "station-key";
    config.site = "w1";
    config.step = step;
    config.outbox = dir_ / "outbox.jsonl";
    if (step == "apheresis.label") config.needs["apheresis.label"] = {CodeKind::Coi, CodeKind::Din};
    Outbox outbox(config.outbox);
    const auto screen_path = dir_ / "screen.txt";
    const int screen_fd = ::open(screen_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    {
      Screen screen(screen_fd);
      SenderOptions sender;
      sender.first_backoff = std::chrono::milliseconds(10);
      sender.hold = true;  // the events stay in the outbox, where the test reads them
      StationOptions options;
      options.exit_when_input_ends = true;
      Station station(config, std::move(inputs), outbox, server_, server_, sender, screen, options);
      EXPECT_EQ(station.run(), 0);
    }
    ::close(screen_fd);
    events_.clear();
    for (const auto& entry : Outbox(config.outbox).entries())
      events_.push_back(json::parse(entry.event_json).as_object());
    return file_text(screen_path);
  }

  static std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> previous_logger_;
  testing::FakeServer server_;
  std::vector<json::object> events_;  // the outbox's events after a run
};

const std::string kAnn = "BADGE-ANN", kAnnPin = "246802", kBob = "BADGE-BOB", kBobPin = "135791";

TEST_F(StationFlowTest, ASignedInPersonIsShownAndTheirTokenProvesEveryEvent) {
  const std::string screen = run({kAnn, kAnnPin, testing::coi_text("00001A"), testing::din_text(1)});

  EXPECT_NE(screen.find("(Ann Smith, apheresis): Signed in."), std::string::npos) << screen;
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(json::serialize(events_[0].at("operators")), R"(["ann.w1"])");
  EXPECT_EQ(json::serialize(events_[0].at("proofs")), R"([{"operator":"ann.w1","token":"tok-ann.w1-shift"}])");
  EXPECT_EQ(screen.find(kAnnPin), std::string::npos) << "the PIN is never shown";
  EXPECT_EQ(log_.str().find(kAnnPin), std::string::npos) << "nor logged";
}

TEST_F(StationFlowTest, NothingIsScannedBeforeSomeoneSignsInAndAWrongPinIsRefused) {
  const std::string screen = run({kAnn, "999999", testing::coi_text("00001A"), testing::din_text(1)});

  EXPECT_NE(screen.find("Not signed in: Unknown badge or wrong PIN."), std::string::npos) << screen;
  EXPECT_TRUE(events_.empty()) << "the COI was taken as a badge and the DIN as its PIN: no event";
}

TEST_F(StationFlowTest, TheSameBadgeAgainSignsOutAndAnotherNurseSignsIn) {
  const std::string screen =
      run({kAnn, kAnnPin, kAnn, kBob, kBobPin, testing::coi_text("00001A"), testing::din_text(1)});

  EXPECT_NE(screen.find("You are signed out."), std::string::npos) << screen;
  EXPECT_NE(screen.find("(Bob Jones, apheresis): Signed in."), std::string::npos) << screen;
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(json::serialize(events_[0].at("operators")), R"(["bob.w1"])");
}

TEST_F(StationFlowTest, OfflineAKnownPersonSignsInAndEachEventCarriesTheirSealedProof) {
  run({kAnn, kAnnPin, "SIGN OUT"});  // online once: the station learns ann and the sealing key
  server_.set_online(false);

  const std::string screen = run({kAnn, kAnnPin, testing::coi_text("00001A"), testing::din_text(1)});

  EXPECT_NE(screen.find("Signed in offline: the server checks the PIN later."), std::string::npos) << screen;
  ASSERT_EQ(events_.size(), 1u);
  const auto& proof = events_[0].at("proofs").as_array().at(0).as_object();
  EXPECT_EQ(proof.at("operator").as_string(), "ann.w1");
  const auto plain = json::parse(server_.open(std::string(proof.at("sealed").as_string()))).as_object();
  EXPECT_EQ(plain.at("v").as_int64(), 1);
  EXPECT_EQ(plain.at("badge").as_string(), kAnn);
  EXPECT_EQ(plain.at("pin").as_string(), kAnnPin);
  EXPECT_EQ(plain.at("station").as_string(), "AP-01");
  EXPECT_EQ(plain.at("operator").as_string(), "ann.w1");
  EXPECT_EQ(plain.at("occurred_at"), events_[0].at("occurred_at"));
  EXPECT_EQ(plain.at("idempotency_key"), events_[0].at("idempotency_key"));
  for (const auto& file : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(file_text(file.path()).find(kAnnPin), std::string::npos) << "no PIN in clear in " << file.path();
  }
}

TEST_F(StationFlowTest, OfflineWithoutTheSealingKeyNobodyCanSignIn) {
  server_.set_online(false);

  const std::string screen = run({kAnn, kAnnPin, testing::coi_text("00001A"), testing::din_text(1)});

  EXPECT_NE(screen.find("cannot sign people in offline yet"), std::string::npos) << screen;
  EXPECT_TRUE(events_.empty());
}

TEST_F(StationFlowTest, TheFormsFieldsAndChecklistGoIntoTheEventsDataWithAReasonForANo) {
  server_.forms_body = receipt_forms(1);
  const std::string screen = run({kAnn, kAnnPin, testing::coi_text("00001A"), testing::din_text(1), "-120", "-180",
                                  "SKIP", "YES", "NO", "", "torn seal on the lid", "YES"},
                                 "cell_lab.receive");

  EXPECT_NE(screen.find("Temperature must be -196 to -150 C; -120 is outside."), std::string::npos) << screen;
  EXPECT_NE(screen.find("Are the seals intact? NO: torn seal on the lid"), std::string::npos) << "the summary";
  EXPECT_NE(screen.find("[Receive the shipper at the cell lab]"), std::string::npos) << "the title, not the id";
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(
      json::serialize(events_[0].at("data")),
      R"({"temperature_c":-1.8E2,"checklist":{"shipper_intact":true,"seals_intact":{"answer":false,"reason":"torn seal on the lid"}}})");
}

TEST_F(StationFlowTest, AWitnessWhoIsTheOperatorOrHasNoRoleIsRefusedAndAnotherSigns) {
  server_.forms_body = receipt_forms(2);
  const std::string screen = run({kAnn, kAnnPin, testing::coi_text("00001A"), testing::din_text(1), "-180", "SKIP",
                                  "YES", "YES", kAnn, "BADGE-CAT", "135791", kBob, kBobPin, "YES"},
                                 "cell_lab.receive");

  EXPECT_NE(screen.find("The second person must be someone else than Ann Smith."), std::string::npos) << screen;
  EXPECT_NE(screen.find("Cat Lee cannot check this step"), std::string::npos) << screen;
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(json::serialize(events_[0].at("operators")), R"(["ann.w1","bob.w1"])");
  EXPECT_EQ(json::serialize(events_[0].at("proofs")),
            R"([{"operator":"ann.w1","token":"tok-ann.w1-shift"},{"operator":"bob.w1","token":"tok-bob.w1-witness"}])");
}

TEST_F(StationFlowTest, ADinTypedWithItsCheckCharacterIsRecordedAsTyped) {
  const auto printed = isbt128::eye_readable_din(testing::din_value(7)).value().with_check_character();
  std::string wrong = printed;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  const std::string screen = run({kAnn, kAnnPin, testing::coi_text("00001A"), "TYPE", wrong, "TYPE", printed});

  EXPECT_NE(screen.find("a typing mistake"), std::string::npos) << screen;
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(json::serialize(events_[0].at("typed")), "[1]");
  EXPECT_EQ(events_[0].at("scans").as_array().at(1).as_string(), "=" + testing::din_value(7) + "00");
}

}  // namespace
}  // namespace cj::scanner
