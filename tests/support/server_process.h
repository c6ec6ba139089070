// Runs `celljourney serve` as a child process for end-to-end tests, and stops it.
#pragma once

#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cj::testing {

/// What a finished celljourney command printed (stdout and stderr together) and its exit code.
struct CommandResult {
  int exit_code = -1;  // -signal when killed by one; -1000 when it had to be killed after timeout
  std::string output;
};

/// Runs CELLJOURNEY_BIN with args to completion (killed after timeout).
CommandResult run_celljourney(const std::vector<std::string>& args,
                              std::chrono::seconds timeout = std::chrono::seconds(60));

class ServerProcess {
 public:
  /// Starts CELLJOURNEY_BIN serve --port 0 --listen 127.0.0.1 plus extra_args (--port 0 left out
  /// when extra_args has a --port of its own), and waits (up to
  /// timeout) for the line announcing its URL. Fails the current test (ADD_FAILURE) when it
  /// does not come; then started() is false and output() holds what the server printed.
  explicit ServerProcess(const std::vector<std::string>& extra_args,
                         std::chrono::seconds timeout = std::chrono::seconds(60));
  ~ServerProcess();  // stop()s
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ != 0; }
  unsigned short port() const { return port_; }
  /// It announced https:// (started with --tls-cert and --tls-key, IssuedCertificate::serve_args()).
  bool secure() const { return secure_; }
  const std::string& output() const { return output_; }

  /// Sends SIGTERM and waits for the exit; returns the exit status (or -signal), or -1000 when
  /// it had to be killed after the timeout.
  int stop(std::chrono::seconds timeout = std::chrono::seconds(30));

 private:
  void read_available(std::chrono::milliseconds wait);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  unsigned short port_ = 0;
  bool secure_ = false;
  std::string output_;
  int exit_status_ = 0;
};

}  // namespace cj::testing
