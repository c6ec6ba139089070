// `celljourney serve` as a child whose output goes to a file, for tests that count its log lines,
// run it under a shell (`ulimit -n`), or keep it busy for long (a pipe nobody reads would stop
// it once full: it logs every request). Stopped (SIGTERM, then SIGKILL) when destroyed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace cj::testing {

class LoggedServer {
 public:
  /// Runs `shell_prefix CELLJOURNEY_BIN serve --listen 127.0.0.1 --port 0 args...`, where a
  /// non-empty shell_prefix (e.g. "ulimit -n 64") runs first in /bin/sh, and waits up to timeout
  /// for the URL. started() says whether it came; log() holds why not.
  LoggedServer(std::filesystem::path log_path, const std::vector<std::string>& args,
               const std::string& shell_prefix = {}, std::chrono::seconds timeout = std::chrono::seconds(60));
  ~LoggedServer();
  LoggedServer(const LoggedServer&) = delete;
  LoggedServer& operator=(const LoggedServer&) = delete;

  bool started() const { return port_ != 0; }
  unsigned short port() const { return port_; }
  std::string log() const;  // everything it wrote so far

 private:
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

/// How many times what occurs in text.
std::size_t count_occurrences(const std::string& text, const std::string& what);

}  // namespace cj::testing
