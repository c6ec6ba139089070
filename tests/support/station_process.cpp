#include "tests/support/station_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "server/storage/subprocess.h"

namespace cj::testing {

StationProcess::StationProcess(const std::filesystem::path& dir, const std::string& config,
                               std::vector<std::pair<std::string, std::string>> env,
                               const std::vector<std::string>& extra_args)
    : output_path_(dir / "station.out") {
  const auto config_path = dir / "station.conf";
  std::ofstream(config_path) << config;
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe";
    return;
  }
  const int out = ::open(output_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  storage::SpawnOptions options;
  options.stdin_fd = pipe_fds[0];
  options.output_fd = out;
  options.parent_death_signal = SIGKILL;  // never outlives the test program
  options.env = std::move(env);
  options.env.emplace_back("TERM", "dumb");
  std::vector<std::string> args{CELLJOURNEY_STATION_BIN, "--config", config_path.string(), "--exit-when-done"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  auto pid = storage::spawn(args, options);
  ::close(pipe_fds[0]);
  ::close(out);
  input_fd_ = pipe_fds[1];
  if (!pid.ok()) {
    ADD_FAILURE() << "cannot start " << CELLJOURNEY_STATION_BIN;
    return;
  }
  pid_ = *pid;
}

StationProcess::~StationProcess() {
  kill9();
  close_input();
}

void StationProcess::scan(const std::string& text) {
  const std::string line = text + "\r\n";  // scanners usually end a read with CR (some CR LF)
  ASSERT_EQ(::write(input_fd_, line.data(), line.size()), static_cast<ssize_t>(line.size()));
}

void StationProcess::close_input() {
  if (input_fd_ >= 0) ::close(input_fd_);
  input_fd_ = -1;
}

std::string StationProcess::output() const {
  std::ifstream in(output_path_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int count_of(const std::string& haystack, const std::string& needle) {
  int count = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++count;
  return count;
}

bool StationProcess::wait_for(const std::string& text, int count, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (count_of(output(), text) >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling a file for a condition
  }
  return false;
}

int StationProcess::wait_exit(std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1000;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill9();
  return -1000;
}

void StationProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  unsigned short port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

}  // namespace cj::testing
