// Runs `celljourney-station` as a child process for end-to-end tests: its config written to a
// temp dir, its stdin a pipe the test types scans into (a keyboard-wedge scanner), its screen
// (plain lines: stdout is not a terminal) and log in one file the test reads.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace cj::testing {

class StationProcess {
 public:
  /// Starts CELLJOURNEY_STATION_BIN --config <dir>/station.conf --exit-when-done with `env` added
  /// and extra_args after (--ca-file FILE). Fails the test (ADD_FAILURE) when it cannot start;
  /// then started() is false.
  StationProcess(const std::filesystem::path& dir, const std::string& config,
                 std::vector<std::pair<std::string, std::string>> env = {},
                 const std::vector<std::string>& extra_args = {});
  ~StationProcess();  // SIGKILLs a station still running
  StationProcess(const StationProcess&) = delete;
  StationProcess& operator=(const StationProcess&) = delete;

  bool started() const { return pid_ > 0; }
  /// Types one scan (a line) as a keyboard-wedge scanner does.
  void scan(const std::string& text);
  /// Ends the input (EOF): with --exit-when-done the station then stops once all is answered.
  void close_input();
  /// Waits until the output holds `text` `count` times; false at the timeout.
  bool wait_for(const std::string& text, int count = 1, std::chrono::seconds timeout = std::chrono::seconds(30));
  /// Waits for the exit: its code, -signal, or -1000 when it did not end in time (then killed).
  int wait_exit(std::chrono::seconds timeout = std::chrono::seconds(60));
  void kill9();
  /// Everything it printed so far (screen lines and log), from every run in this directory.
  std::string output() const;

 private:
  std::filesystem::path output_path_;
  pid_t pid_ = -1;
  int input_fd_ = -1;
};

/// Occurrences of `needle` in `haystack`.
int count_of(const std::string& haystack, const std::string& needle);

/// A TCP port on 127.0.0.1 that nobody listened on a moment ago (for a server restarted on it).
unsigned short free_port();

}  // namespace cj::testing
