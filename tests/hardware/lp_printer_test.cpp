// Printing to a CUPS queue through `lp`: the real lp refusing an unknown queue, and a simulator
// of the lp command line (a script that files each job) for the paths a real queue would take.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "hardware/lp_printer.h"

namespace cj::hardware {
namespace {

namespace fs = std::filesystem;

// A directory with an executable `lp` stand-in whose body is `script`.
class LpSimulator {
 public:
  explicit LpSimulator(const std::string& script) {
    char name[] = "/tmp/celljourney-lp-XXXXXX";
    dir_ = ::mkdtemp(name);
    std::ofstream(dir_ / "lp") << "#!/bin/sh\n" << script << "\n";
    fs::permissions(dir_ / "lp", fs::perms::owner_all);
  }
  ~LpSimulator() { fs::remove_all(dir_); }
  std::string command() const { return (dir_ / "lp").string(); }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(LpPrinter, AnUnknownQueueIsRefusedWithCupsOwnMessage) {
  LpPrinter printer("celljourney-no-such-queue");
  const auto error = printer.print("%PDF-1.5\n");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->failure, PrintFailure::Rejected) << error->message;
  const std::string prefix = "CUPS queue celljourney-no-such-queue refused the job: ";
  ASSERT_EQ(error->message.rfind(prefix, 0), 0u) << error->message;
  EXPECT_GT(error->message.size(), prefix.size()) << "lp's own reason is missing";
}

TEST(LpPrinter, AJobTheQueueAcceptsArrivesWholeUnderItsQueueAndTitle) {
  // Files the job (the last argument) and the arguments, as CUPS would spool them.
  LpSimulator lp(
      R"sh(dir=$(dirname "$0"); for a; do last=$a; done; echo "$@" > "$dir/args"; cp "$last" "$dir/job"; echo "request id is ward-3-1 (1 file(s))")sh");
  LpPrinter printer("ward-3", std::chrono::seconds(5), lp.command());
  std::string job = "%PDF-1.5\n";
  job.push_back('\0');
  job += "binary \xff label";

  EXPECT_FALSE(printer.print(job));

  EXPECT_EQ(read_file(lp.dir() / "job"), job);
  EXPECT_EQ(read_file(lp.dir() / "args").rfind("-d ward-3 -t celljourney-label ", 0), 0u);
}

TEST(LpPrinter, AnLpThatDoesNotAnswerIsATimeoutAndNothingIsPrinted) {
  LpSimulator lp("exec sleep 30");
  LpPrinter printer("ward-3", std::chrono::milliseconds(300), lp.command());
  const auto started = std::chrono::steady_clock::now();
  const auto error = printer.print("%PDF-1.5\n");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->failure, PrintFailure::Timeout);
  EXPECT_NE(error->message.find("NOT printed"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(LpPrinter, WithoutTheLpCommandItIsAnIoError) {
  LpPrinter printer("ward-3", std::chrono::seconds(5), "/nonexistent/celljourney/lp");
  const auto error = printer.print("%PDF-1.5\n");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->failure, PrintFailure::Io) << error->message;
}

TEST(LpPrinter, ACupsAddressNamesItsQueue) {
  auto made = make_printer("cups://ward-3");
  ASSERT_EQ(made.index(), 0u);
  EXPECT_EQ(std::get<0>(made)->uri(), "cups://ward-3");
}

}  // namespace
}  // namespace cj::hardware
