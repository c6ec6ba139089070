#include "tests/support/temp_dir.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

#include <gtest/gtest.h>

#include "server/storage/subprocess.h"

namespace cj::testing {

namespace fs = std::filesystem;

TempDir::TempDir(std::string_view prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = (tmp && *tmp ? std::string(tmp) : std::string("/tmp")) + "/" + std::string(prefix) + "XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!::mkdtemp(buffer.data())) {
    ADD_FAILURE() << "mkdtemp " << pattern << " failed";
    return;
  }
  path_ = buffer.data();
  ::chmod(path_.c_str(), 0711);

  // The watchdog: EOF on fd 3 (we died) means delete the directory, once the watchdogs of any
  // cluster inside have stopped their servers (no postmaster.pid left, or 10 s passed).
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    ADD_FAILURE() << "socketpair failed";
    return;
  }
  storage::SpawnOptions options;
  options.pass_fds = {pair[1]};
  options.new_session = true;
  static constexpr const char* kScript = R"sh(
IFS= read -r line <&3
[ "$line" = stop ] && exit 0
i=0
while [ $i -lt 100 ] && [ -n "$(find "$1" -name postmaster.pid 2>/dev/null)" ]; do sleep 0.1; i=$((i+1)); done
rm -rf -- "$1"
)sh";
  auto pid = storage::spawn({"/bin/sh", "-c", kScript, "celljourney-tempdir-watchdog", path_.string()}, options);
  ::close(pair[1]);
  if (!pid.ok()) {
    ::close(pair[0]);
    ADD_FAILURE() << pid.error().message();
    return;
  }
  watchdog_fd_ = pair[0];
  watchdog_pid_ = *pid;
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
  if (ec) {
    // Something still writes in there (a cluster whose watchdog is stopping it): the
    // watchdog deletes the directory once the server is gone. Reaped by init.
    if (watchdog_fd_ >= 0) ::close(watchdog_fd_);
    return;
  }
  if (watchdog_fd_ >= 0) {
    static const char kStop[] = "stop\n";
    (void)!::send(watchdog_fd_, kStop, sizeof kStop - 1, MSG_NOSIGNAL);
    ::close(watchdog_fd_);
  }
  if (watchdog_pid_ > 0) ::waitpid(watchdog_pid_, nullptr, 0);
}

}  // namespace cj::testing
