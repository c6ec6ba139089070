// celljourney-bench-idle: what N idle connections do to a real `celljourney serve`
// (docs/security.md, "Denial of service"; the figures are in docs/performance.md).
//
//   celljourney-bench-idle [--bin PATH] [--connections 1000,5000] [--sources 1] [--hold 5]
//                          [--nofile 1024] [--database URI]
//
// For each N: start the server (--bin: e.g. main's build, for the figures before a change) under
// a soft open-file limit of --nofile (Debian's default 1024; 0: inherited), probe /healthz 20
// times, open N connections that send nothing (from --sources loopback addresses 127.0.x.y),
// probe /healthz every 250 ms for --hold seconds (2 s deadline each; from 127.0.200.254, another
// client), close them all, and time until /healthz answers again. Printed: how many connections the server still held,
// the probes answered and their latency, and how fast the server's log grew.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../ingest/bench_database.h"
#include "probe.h"
#include "server/storage/subprocess.h"

namespace cj::bench {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string bin = CELLJOURNEY_BIN;
  std::vector<int> connections{1000, 5000};
  int sources = 1;
  int hold_seconds = 5;
  int nofile = 1024;
  std::string database;
};

std::uintmax_t size_of(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

long lines_of(const fs::path& path) {
  const std::string text = read_file(path);
  return static_cast<long>(std::count(text.begin(), text.end(), '\n'));
}

// The server under test, its output in a file.
struct Server {
  pid_t pid = -1;
  unsigned short port = 0;

  bool start(const Options& o, const std::string& uri, const fs::path& log) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    std::vector<std::string> argv{"/bin/sh",
                                  "-c",
                                  o.nofile > 0 ? "ulimit -Sn " + std::to_string(o.nofile) + " && exec \"$0\" \"$@\""
                                               : std::string("exec \"$0\" \"$@\""),
                                  o.bin,
                                  "serve",
                                  "--listen",
                                  "127.0.0.1",
                                  "--port",
                                  "0",
                                  "--database",
                                  uri,
                                  "--sweep-interval",
                                  "0"};
    storage::SpawnOptions options;
    options.output_fd = fd;
    options.parent_death_signal = SIGKILL;
    auto spawned = storage::spawn(argv, options);
    ::close(fd);
    if (!spawned.ok()) return false;
    pid = *spawned;
    const std::regex announce(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    for (const auto deadline = Clock::now() + 30s; Clock::now() < deadline;) {
      std::smatch m;
      const std::string text = read_file(log);
      if (std::regex_search(text, m, announce)) {
        port = static_cast<unsigned short>(std::stoi(m[1]));
        return true;
      }
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  void stop() {
    if (pid <= 0) return;
    ::kill(pid, SIGTERM);
    for (int i = 0; i < 500; ++i) {
      if (::waitpid(pid, nullptr, WNOHANG) == pid) {
        pid = -1;
        return;
      }
      std::this_thread::sleep_for(20ms);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    pid = -1;
  }
};

// Another client than the idle ones (they come from 127.0.x.y, x.y counting up from 0.1).
constexpr const char* kProbeSource = "127.0.200.254";

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Still open from the server's side: no EOF waiting to be read.
bool held(int fd) {
  char c;
  const auto n = ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

std::string source_address(int i, int sources) {
  const int n = i % sources;  // 127.0.0.1, 127.0.0.2, ... 127.0.1.1, ...
  return "127.0." + std::to_string(n / 250) + "." + std::to_string(n % 250 + 1);
}

int run(const Options& o) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);

  auto database = BenchDatabase::open(o.database);
  if (!database.ok()) {
    std::cerr << "celljourney-bench-idle: " << database.error().message() << "\n";
    return 1;
  }
  const fs::path logs = fs::temp_directory_path() / ("celljourney-bench-idle-" + std::to_string(::getpid()));
  fs::create_directories(logs);
  std::cout << "server: " << o.bin
            << "\nsoft open-file limit of the server: " << (o.nofile > 0 ? std::to_string(o.nofile) : "inherited")
            << "; sources: " << o.sources << " address(es); hold: " << o.hold_seconds << " s; logs in " << logs.string()
            << "\n\n";
  std::printf("%6s %8s %7s %6s %12s %5s %10s %10s %10s %12s %12s %10s\n", "N", "opened", "in s", "held", "healthz 200",
              "503", "base p50", "p50", "p99", "log KB/s", "log lines/s", "recovery");
  for (const int n : o.connections) {
    const fs::path log = logs / ("serve-" + std::to_string(n) + ".log");
    Server server;
    if (!server.start(o, (*database)->uri(), log)) {
      std::cerr << "celljourney-bench-idle: the server did not start; its log:\n" << read_file(log) << "\n";
      server.stop();
      return 1;
    }
    std::vector<double> base;
    for (int i = 0; i < 20; ++i) {
      const auto p = probe_healthz(server.port, kProbeSource, 2s);
      if (p.status == 200) base.push_back(static_cast<double>(p.latency.count()) / 1000.0);
    }
    std::vector<int> idle;
    const auto open_start = Clock::now();
    for (int i = 0; i < n; ++i) {
      const int fd = open_idle(server.port, source_address(i, o.sources), 100ms);
      if (fd >= 0) idle.push_back(fd);
    }
    const double opening = std::chrono::duration<double>(Clock::now() - open_start).count();
    const auto log_before = size_of(log);
    const auto lines_before = lines_of(log);
    const auto hold_start = Clock::now();
    std::vector<double> answered;
    int probes = 0, refused = 0;
    while (Clock::now() - hold_start < std::chrono::seconds(o.hold_seconds)) {
      const auto p = probe_healthz(server.port, kProbeSource, 2s);
      ++probes;
      if (p.status == 200) answered.push_back(static_cast<double>(p.latency.count()) / 1000.0);
      if (p.status == 503) ++refused;
      std::this_thread::sleep_for(250ms);
    }
    const double held_for = std::chrono::duration<double>(Clock::now() - hold_start).count();
    const auto log_growth = static_cast<double>(size_of(log) - log_before) / held_for;
    const auto lines_after = lines_of(log);
    const auto still_held = std::count_if(idle.begin(), idle.end(), held);
    for (const int fd : idle) ::close(fd);
    const auto closed_at = Clock::now();
    std::string recovery = "> 30 s";
    while (Clock::now() - closed_at < 30s) {
      if (probe_healthz(server.port, kProbeSource, 2s).status == 200) {
        recovery =
            std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - closed_at).count()) +
            " ms";
        break;
      }
      std::this_thread::sleep_for(50ms);
    }
    server.stop();
    std::printf("%6d %8zu %7.2f %6ld %5zu of %-4d %5d %8.2fms %8.2fms %8.2fms %12.1f %12.1f %10s\n", n, idle.size(),
                opening, static_cast<long>(still_held), answered.size(), probes, refused, percentile(base, 0.5),
                percentile(answered, 0.5), percentile(answered, 0.99), log_growth / 1024.0,
                static_cast<double>(lines_after - lines_before) / held_for, recovery.c_str());
  }
  return 0;
}

std::vector<int> parse_list(const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::stoi(item));
  return out;
}

}  // namespace
}  // namespace cj::bench

int main(int argc, char** argv) {
  cj::bench::Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--bin" && has_value) o.bin = argv[++i];
    else if (arg == "--connections" && has_value) o.connections = cj::bench::parse_list(argv[++i]);
    else if (arg == "--sources" && has_value) o.sources = std::max(1, std::stoi(argv[++i]));
    else if (arg == "--hold" && has_value) o.hold_seconds = std::stoi(argv[++i]);
    else if (arg == "--nofile" && has_value) o.nofile = std::stoi(argv[++i]);
    else if (arg == "--database" && has_value) o.database = argv[++i];
    else {
      std::cerr << "usage: celljourney-bench-idle [--bin PATH] [--connections 1000,5000] [--sources 1] [--hold 5] "
                   "[--nofile 1024] [--database URI]\n";
      return 2;
    }
  }
  return cj::bench::run(o);
}
