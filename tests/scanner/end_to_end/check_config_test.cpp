// `celljourney-station --check-config FILE`: every error with its line, exit 1; a good file, exit 0.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "server/storage/subprocess.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

storage::CommandOutcome check_config(const std::filesystem::path& file) {
  auto result =
      storage::run_command({CELLJOURNEY_STATION_BIN, "--check-config", file.string()}, {}, std::chrono::seconds(30));
  EXPECT_TRUE(result.ok());
  return result.ok() ? *result : storage::CommandOutcome{};
}

TEST(CheckConfig, EveryErrorIsPrintedWithItsLineAndTheExitCodeIsOne) {
  TempDir dir;
  const auto file = dir.path() / "station.conf";
  std::ofstream(file) << "server = ftp://celljourney\n# a comment\nstation = AP-01\ninput = webcam\n";

  const auto outcome = check_config(file);

  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.output.find("station.conf:1: server must start with http:// or https://"), std::string::npos)
      << outcome.output;
  EXPECT_NE(outcome.output.find("station.conf:4: unknown input 'webcam'"), std::string::npos) << outcome.output;
  EXPECT_NE(outcome.output.find("'outbox' is missing"), std::string::npos) << outcome.output;
}

TEST(CheckConfig, AUsableFileIsOkWithExitCodeZero) {
  TempDir dir;
  const auto file = dir.path() / "station.conf";
  std::ofstream(dir.path() / "station.key") << "k3y\n";
  std::ofstream(file) << "server = http://127.0.0.1:8080\nstation = AP-01\nkey_file = station.key\n"
                         "step = apheresis.collect\noutbox = outbox.jsonl\ninput = stdin\n";

  const auto outcome = check_config(file);

  EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_NE(outcome.output.find("OK (station AP-01)"), std::string::npos) << outcome.output;
}

}  // namespace
}  // namespace cj::testing
