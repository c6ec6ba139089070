// test_cluster: the shared PostgreSQL cluster of a ctest run (tests/support/shared_cluster.h).
//
//   test_cluster start ADDRESS_FILE   starts the holder; returns 0 once the cluster accepts
//                                     connections and ADDRESS_FILE names it, 1 with the reason
//   test_cluster stop ADDRESS_FILE    stops the holder (the cluster and its directory go with it)
//
// The holder's output goes to ADDRESS_FILE.log: ctest waits for a test's output to close, so the
// holder must not keep the start command's.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "server/storage/private_cluster.h"
#include "tests/support/shared_cluster.h"

namespace {

namespace fs = std::filesystem;
using cj::testing::ClusterAddress;

volatile sig_atomic_t g_stop = 0;
void on_stop_signal(int) { g_stop = 1; }

// A process that has exited but was not reaped yet (orphans whose new parent does not wait for
// them, as in some containers) counts as gone.
bool alive(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno == ESRCH) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto paren = line.rfind(')');
  return !(paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z');
}

// The holder: owns the cluster until told to stop or until `watched` is gone. Reports "ok" or
// the reason it could not start through `report`, then closes it.
int hold(const fs::path& address_file, pid_t watched, int report) {
  auto say = [&](const std::string& text) {
    if (report < 0) return;
    (void)!::write(report, text.data(), text.size());
    ::close(report);
    report = -1;
  };
  const std::string pattern_text = (std::getenv("TMPDIR") && *std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                                   std::string("/celljourney-pg-XXXXXX");
  std::vector<char> pattern(pattern_text.begin(), pattern_text.end());
  pattern.push_back('\0');
  if (!::mkdtemp(pattern.data())) {
    say("mkdtemp " + pattern_text + ": " + std::strerror(errno));
    return 1;
  }
  cj::storage::ClusterOptions options;
  options.data_dir = pattern.data();  // ephemeral: deleted at stop, or by the watchdog if we die
  options.database = "celljourney";
  options.ephemeral = true;
  auto started = cj::storage::PrivateCluster::start(options);
  if (!started.ok()) {
    fs::remove_all(pattern.data());
    say("cannot start the test PostgreSQL cluster: " + started.error().message());
    return 1;
  }
  auto& cluster = *started.value();
  if (auto made = cj::testing::create_migrated_template(cluster.connection_uri("postgres"),
                                                        cluster.connection_uri(cj::testing::kMigratedTemplate));
      !made.ok()) {
    say(made.message());
    return 1;
  }
  if (auto written = cj::testing::write_cluster_address(address_file, {cluster.data_dir(), cluster.user(), ::getpid()});
      !written.ok()) {
    say(written.message());
    return 1;
  }
  say("ok");
  while (!g_stop && alive(watched)) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto stopped = cluster.stop();
  std::error_code ignored;
  fs::remove(address_file, ignored);
  if (!stopped.ok()) std::cerr << "stopping the test cluster: " << stopped.message() << "\n";
  return stopped.ok() ? 0 : 1;
}

int start(const fs::path& address_file) {
  if (auto running = cj::testing::read_cluster_address(address_file); running.ok()) {
    std::cout << "the shared test cluster is already running (holder " << running->holder << ")\n";
    return 0;
  }
  const pid_t watched = ::getppid();  // ctest, or the shell that ran us
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    std::cerr << "pipe: " << std::strerror(errno) << "\n";
    return 1;
  }
  const pid_t holder = ::fork();
  if (holder < 0) {
    std::cerr << "fork: " << std::strerror(errno) << "\n";
    return 1;
  }
  if (holder == 0) {
    ::close(pipe_fds[0]);
    ::setsid();
    const std::string log = address_file.string() + ".log";
    const int null_in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(null_in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    ::signal(SIGTERM, on_stop_signal);
    ::signal(SIGINT, on_stop_signal);
    ::signal(SIGHUP, on_stop_signal);
    std::_Exit(hold(address_file, watched, pipe_fds[1]));
  }
  ::close(pipe_fds[1]);
  std::string answer;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  if (answer == "ok") {
    std::cout << "shared test cluster up (holder " << holder << "), address in " << address_file << "\n";
    return 0;
  }
  std::cerr << (answer.empty() ? "the test cluster's holder died while starting (see " + address_file.string() + ".log)"
                               : answer)
            << "\n";
  ::waitpid(holder, nullptr, 0);
  return 1;
}

int stop(const fs::path& address_file) {
  auto running = cj::testing::read_cluster_address(address_file);
  if (!running.ok()) {
    std::cout << running.error().message() << "; nothing to stop\n";
    return 0;
  }
  ::kill(running->holder, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (alive(running->holder) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (alive(running->holder)) {
    std::cerr << "the test cluster's holder " << running->holder << " did not stop within 60 s\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc == 3 ? argv[1] : "";
  if (command == "start") return start(argv[2]);
  if (command == "stop") return stop(argv[2]);
  std::cerr << "usage: test_cluster start|stop ADDRESS_FILE\n";
  return 2;
}
