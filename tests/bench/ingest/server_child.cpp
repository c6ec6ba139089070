#include "tests/bench/ingest/server_child.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "server/storage/subprocess.h"

namespace cj::bench {

namespace {

using storage::Status;

std::string read_from(const std::filesystem::path& path, std::uintmax_t offset) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::uintmax_t size_of(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

}  // namespace

ServerChild::ServerChild(std::string database_uri, std::filesystem::path log_path, std::vector<std::string> extra_args)
    : database_uri_(std::move(database_uri)), log_path_(std::move(log_path)), extra_args_(std::move(extra_args)) {}

ServerChild::~ServerChild() { stop(); }

Status ServerChild::start(unsigned short port, std::chrono::seconds timeout) {
  if (pid_ > 0) return Status::internal("the server is already running");
  const int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) return Status::io_error("cannot open " + log_path_.string());
  const auto offset = size_of(log_path_);  // this start's lines come after it

  std::vector<std::string> argv{binary_.empty() ? std::string(CELLJOURNEY_BIN) : binary_,
                                "serve",
                                "--listen",
                                "127.0.0.1",
                                "--port",
                                std::to_string(port),
                                "--database",
                                database_uri_};
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  storage::SpawnOptions options;
  options.output_fd = log_fd;
  // The harness owns the server: when the harness dies, so does the server (no stray load).
  options.parent_death_signal = SIGKILL;
  auto pid = storage::spawn(argv, options);
  ::close(log_fd);
  if (!pid.ok()) return pid.error();
  pid_ = *pid;

  const std::regex announce(R"(listening on http://127\.0\.0\.1:(\d+)/)");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string output = read_from(log_path_, offset);
    std::smatch m;
    if (std::regex_search(output, m, announce)) {
      port_ = static_cast<unsigned short>(std::stoi(m[1]));
      return {};
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return Status::unavailable("celljourney serve exited before listening:\n" +
                                 storage::tail_lines(read_from(log_path_, offset), 10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_hard();
  return Status::unavailable("celljourney serve did not announce its URL in time:\n" +
                             storage::tail_lines(read_from(log_path_, offset), 10));
}

void ServerChild::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void ServerChild::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_hard();
}

}  // namespace cj::bench
