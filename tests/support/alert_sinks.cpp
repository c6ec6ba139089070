#include "tests/support/alert_sinks.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "server/storage/subprocess.h"

namespace cj::testing {

namespace fs = std::filesystem;

bool port_accepts(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

PythonSink::PythonSink(const std::string& script, unsigned short port, fs::path folder,
                       const std::vector<std::string>& args)
    : folder_(std::move(folder)) {
  fs::create_directories(folder_);
  std::vector<std::string> argv{"/usr/bin/python3", std::string(CELLJOURNEY_SOURCE_DIR) + "/tests/support/" + script,
                                std::to_string(port), folder_.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  storage::SpawnOptions options;
  options.output_fd = -2;  // its complaints, if any, into the test's output
  options.parent_death_signal = SIGTERM;
  auto pid = storage::spawn(argv, options);
  if (!pid.ok()) {
    ADD_FAILURE() << "cannot start " << script << ": " << pid.error().message();
    return;
  }
  pid_ = *pid;
  for (int i = 0; i < 200; ++i) {
    if (port_accepts(port)) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      ADD_FAILURE() << script << " exited before listening on " << port << " (is python3-aiosmtpd installed?)";
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << script << " does not listen on " << port << " after 10 s";
}

PythonSink::~PythonSink() { stop(); }

void PythonSink::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::vector<std::string> PythonSink::received(const std::string& extension) const {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_, ec)) {
    if (entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> contents;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    contents.push_back(text.str());
  }
  return contents;
}

std::vector<std::string> PythonSink::wait_for_files(const std::string& extension, std::size_t count,
                                                    std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto files = received(extension);
  while (files.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    files = received(extension);
  }
  return files;
}

}  // namespace cj::testing
