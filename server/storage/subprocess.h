// Running the PostgreSQL tools: OS users, and fork+exec with an optional switch of user.
// Internal to storage (used by PrivateCluster and its tests); not a general process library.
//
// The child of fork() only makes async-signal-safe calls before exec, so spawning is safe from
// a multi-threaded program. Children start with an empty signal mask and default dispositions
// (the server blocks SIGINT/SIGTERM in its threads; the tools must not inherit that), in "/",
// with every file descriptor closed except stdin/stdout/stderr and the ones passed, and with the
// caller's environment minus the PG* variables (PGPORT, PGDATA... would redirect the tools).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "server/storage/status.h"

namespace cj::storage {

/// An account of the operating system.
struct OsUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;  // supplementary groups, including gid
  std::filesystem::path home;
};

/// The account called name; kNotFound if there is none.
Result<OsUser> lookup_os_user(const std::string& name);
/// The account of the effective user id.
Result<OsUser> effective_os_user();
/// "nobody (uid 65534)", or "uid 1234" when the id has no account.
std::string describe_uid(uid_t uid);

struct SpawnOptions {
  /// Switch to this account before exec. REQUIRES: running as root (or as that user already).
  const OsUser* run_as = nullptr;
  int stdin_fd = -1;   // -1: /dev/null
  int output_fd = -1;  // becomes stdout and stderr; -1: /dev/null; -2: keep the caller's stderr
  /// Passed to the child as fds 3, 4, ... in this order (without close-on-exec).
  std::vector<int> pass_fds;
  bool new_session = false;  // setsid(): no terminal signals (Ctrl-C) reach the child
  /// prctl(PR_SET_PDEATHSIG): signal the child gets when the thread that spawned it ends
  /// (0: none). Note: the spawning *thread*, not process; the child must check getppid().
  int parent_death_signal = 0;
  /// Extra environment, overriding the inherited one.
  std::vector<std::pair<std::string, std::string>> env;
};

/// Starts argv[0] (an absolute path) and returns its pid; the caller must reap it (waitpid).
/// Errors: kIoError when fork fails or the program cannot be executed (with errno's text).
Result<pid_t> spawn(const std::vector<std::string>& argv, const SpawnOptions& options);

struct CommandOutcome {
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  std::string output;  // stdout and stderr, interleaved
  bool succeeded() const { return signal == 0 && exit_code == 0; }
  /// "exit code 1" / "signal 9".
  std::string describe() const;
};

/// Runs argv to completion, capturing its output (options.output_fd is ignored). A run that
/// exceeds timeout is killed (SIGKILL) and reported as kUnavailable with what it printed.
/// A non-zero exit is not an error here: look at the outcome.
Result<CommandOutcome> run_command(const std::vector<std::string>& argv, SpawnOptions options,
                                   std::chrono::milliseconds timeout);

/// The last max_lines lines of text (for error messages quoting a log or a tool's output).
std::string tail_lines(const std::string& text, std::size_t max_lines);

}  // namespace cj::storage
