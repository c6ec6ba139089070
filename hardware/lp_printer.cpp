#include "hardware/lp_printer.h"

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <vector>

namespace cj::hardware {

namespace {

PrintError failed(PrintFailure failure, std::string message) { return {failure, std::move(message), 0}; }

// Removes the temporary job file however print() ends.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

LpPrinter::LpPrinter(std::string queue, std::chrono::milliseconds timeout, std::string lp_command)
    : queue_(std::move(queue)), timeout_(timeout), lp_command_(std::move(lp_command)) {
  if (lp_command_.empty()) {
    const char* override_command = std::getenv("CELLJOURNEY_LP");
    lp_command_ = override_command && *override_command ? override_command : "lp";
  }
}

std::optional<PrintError> LpPrinter::print(std::string_view job) {
  TempFile file;
  {
    char name[] = "/tmp/celljourney-job-XXXXXX";
    const int fd = ::mkstemp(name);
    if (fd < 0) return failed(PrintFailure::Io, "cannot create a temporary file for the print job");
    ::close(fd);
    file.path = name;
    std::ofstream out(file.path, std::ios::binary);
    out.write(job.data(), static_cast<std::streamsize>(job.size()));
    if (!out.flush()) return failed(PrintFailure::Io, "cannot write the print job to " + file.path);
  }
  int err_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) return failed(PrintFailure::Io, "cannot start lp (pipe)");
  std::vector<std::string> args{lp_command_, "-d", queue_, "-t", "celljourney-label", file.path};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(err_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(err_pipe[1]);
  if (pid < 0) {
    ::close(err_pipe[0]);
    return failed(PrintFailure::Io, "cannot start lp (fork)");
  }
  // Read what lp says until it exits (EOF) or the timeout passes.
  std::string said;
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  bool timed_out = false;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{err_pipe[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buf[512];
    const ssize_t n = ::read(err_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    said.append(buf, static_cast<std::size_t>(n));
  }
  ::close(err_pipe[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (timed_out) {
    return failed(PrintFailure::Timeout,
                  "lp did not answer within " + std::to_string(timeout_.count()) + " ms; the label was NOT printed");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    return failed(PrintFailure::Io, "cannot run " + lp_command_ + " (is cups-client installed?)");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return failed(PrintFailure::Rejected, "CUPS queue " + queue_ + " refused the job: " + trimmed(said));
  }
  return std::nullopt;
}

}  // namespace cj::hardware
