#include "tests/support/server_process.h"

#include <algorithm>

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <regex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

namespace cj::testing {

namespace {

pid_t spawn(const std::vector<std::string>& args, int& out_fd) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  out_fd = fds[0];
  return pid;
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status); }

}  // namespace

CommandResult run_celljourney(const std::vector<std::string>& args, std::chrono::seconds timeout) {
  std::vector<std::string> argv{CELLJOURNEY_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result;
  int fd = -1;
  pid_t pid = spawn(argv, fd);
  if (pid < 0) return result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      close(fd);
      result.exit_code = -1000;
      return result;
    }
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;  // EOF: the program (and anything it left holding the pipe) is done
    result.output.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = exit_code_of(status);
  return result;
}

ServerProcess::ServerProcess(const std::vector<std::string>& extra_args, std::chrono::seconds timeout) {
  std::vector<std::string> args{CELLJOURNEY_BIN, "serve", "--listen", "127.0.0.1"};
  // Any free port unless the caller names one (a restart on the same port, as clients saw it).
  if (std::find(extra_args.begin(), extra_args.end(), "--port") == extra_args.end()) {
    args.insert(args.end(), {"--port", "0"});
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn(args, out_fd_);
  if (pid_ < 0) {
    ADD_FAILURE() << "cannot start " << CELLJOURNEY_BIN;
    return;
  }
  const std::regex announce(R"(listening on (https?)://127\.0\.0\.1:(\d+)/)");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    read_available(std::chrono::milliseconds(100));
    std::smatch m;
    if (std::regex_search(output_, m, announce)) {
      secure_ = m[1] == "https";
      port_ = static_cast<unsigned short>(std::stoi(m[2]));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      read_available(std::chrono::milliseconds(0));
      exit_status_ = exit_code_of(status);
      pid_ = -1;
      ADD_FAILURE() << "celljourney serve exited with " << exit_status_ << " before listening:\n" << output_;
      return;
    }
  }
  ADD_FAILURE() << "celljourney serve did not announce its URL in time:\n" << output_;
}

ServerProcess::~ServerProcess() {
  stop();
  if (out_fd_ >= 0) close(out_fd_);
}

void ServerProcess::read_available(std::chrono::milliseconds wait) {
  pollfd p{out_fd_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(wait.count())) <= 0) return;
  char buf[4096];
  for (;;) {
    ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return;
    output_.append(buf, static_cast<std::size_t>(n));
    if (poll(&p, 1, 0) <= 0) return;
  }
}

int ServerProcess::stop(std::chrono::seconds timeout) {
  if (pid_ <= 0) return exit_status_;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_status_ = exit_code_of(status);
      pid_ = -1;
      read_available(std::chrono::milliseconds(0));
      return exit_status_;
    }
    read_available(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  exit_status_ = -1000;
  return exit_status_;
}

}  // namespace cj::testing
