// `celljourney serve` as a child process of the harness: started on a database, killed with
// SIGKILL in the fault run, restarted on the same database (and, when it can be had, the same
// port).
//
// Its output goes to a log file, never to a pipe: the server logs a line per request and per
// event, and a pipe nobody drains during a load run would stop it.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "server/storage/status.h"

namespace cj::bench {

class ServerChild {
 public:
  /// extra_args follow `serve --listen 127.0.0.1 --port P --database uri`.
  ServerChild(std::string database_uri, std::filesystem::path log_path, std::vector<std::string> extra_args);
  ~ServerChild();  // stop()s
  ServerChild(const ServerChild&) = delete;
  ServerChild& operator=(const ServerChild&) = delete;

  /// Starts the server on port (0: any) and waits up to timeout for it to announce its URL.
  /// Errors: kUnavailable with the tail of its log (it exited, or said nothing in time).
  storage::Status start(unsigned short port = 0, std::chrono::seconds timeout = std::chrono::seconds(30));
  /// kill -9, and reaps it. The port stays what it was (clients keep using it until restart).
  void kill_hard();
  /// SIGTERM, up to 20 s for a clean exit, then SIGKILL. Idempotent.
  void stop();

  bool running() const { return pid_ > 0; }
  /// The port clients should use now; read by client threads while the fault thread restarts.
  unsigned short port() const { return port_.load(); }
  const std::atomic<unsigned short>& port_ref() const { return port_; }
  const std::filesystem::path& log_path() const { return log_path_; }
  /// Runs binary instead of this build's celljourney (another build's, for before/after figures).
  void use_binary(std::string binary) { binary_ = std::move(binary); }

 private:
  std::string database_uri_;
  std::filesystem::path log_path_;
  std::vector<std::string> extra_args_;
  std::string binary_;  // empty: CELLJOURNEY_BIN
  pid_t pid_ = -1;
  std::atomic<unsigned short> port_{0};
};

}  // namespace cj::bench
