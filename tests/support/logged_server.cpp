#include "tests/support/logged_server.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "server/storage/subprocess.h"

namespace cj::testing {

using Clock = std::chrono::steady_clock;

LoggedServer::LoggedServer(std::filesystem::path log_path, const std::vector<std::string>& args,
                           const std::string& shell_prefix, std::chrono::seconds timeout)
    : log_path_(std::move(log_path)) {
  const int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  std::vector<std::string> argv;
  if (!shell_prefix.empty()) argv = {"/bin/sh", "-c", shell_prefix + " && exec \"$0\" \"$@\""};
  for (const char* a : {CELLJOURNEY_BIN, "serve", "--listen", "127.0.0.1", "--port", "0"}) argv.emplace_back(a);
  argv.insert(argv.end(), args.begin(), args.end());
  storage::SpawnOptions options;
  options.output_fd = fd;
  options.parent_death_signal = SIGKILL;  // never outlives the test program
  auto pid = storage::spawn(argv, options);
  ::close(fd);
  if (!pid.ok()) return;
  pid_ = *pid;
  const std::regex announce(R"(listening on http://127\.0\.0\.1:(\d+)/)");
  for (const auto deadline = Clock::now() + timeout; Clock::now() < deadline;) {
    std::smatch m;
    const std::string text = log();
    if (std::regex_search(text, m, announce)) {
      port_ = static_cast<unsigned short>(std::stoi(m[1]));
      return;
    }
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

LoggedServer::~LoggedServer() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 1500; ++i) {  // 30 s: a private cluster takes a while to stop
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::string LoggedServer::log() const {
  std::ifstream in(log_path_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count_occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace cj::testing
