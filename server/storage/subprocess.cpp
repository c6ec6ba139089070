#include "server/storage/subprocess.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace cj::storage {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

Result<OsUser> from_passwd(const passwd& pw) {
  OsUser user;
  user.name = pw.pw_name;
  user.uid = pw.pw_uid;
  user.gid = pw.pw_gid;
  user.home = pw.pw_dir ? pw.pw_dir : "/";
  int count = 32;
  for (int attempt = 0; attempt < 4; ++attempt) {
    user.groups.resize(static_cast<std::size_t>(count));
    int n = count;
    if (getgrouplist(pw.pw_name, pw.pw_gid, user.groups.data(), &n) >= 0) {
      user.groups.resize(static_cast<std::size_t>(n));
      return user;
    }
    count = n > count ? n : count * 2;
  }
  user.groups = {pw.pw_gid};
  return user;
}

Result<OsUser> lookup(const char* name, uid_t uid) {
  passwd pw{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  const int rc = name ? getpwnam_r(name, &pw, buffer.data(), buffer.size(), &found)
                      : getpwuid_r(uid, &pw, buffer.data(), buffer.size(), &found);
  if (rc != 0) return Status::io_error("cannot read the user database: " + errno_text(rc));
  if (!found) {
    return Status::not_found(name ? "there is no user '" + std::string(name) + "' on this system"
                                  : "uid " + std::to_string(uid) + " has no entry in the user database");
  }
  return from_passwd(pw);
}

// Everything the child needs, prepared before fork() so that the child allocates nothing.
struct ChildPlan {
  std::vector<std::string> argv_storage;
  std::vector<std::string> env_storage;
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::vector<int> sources;  // becomes fds 0, 1, 2, 3, ...
  int error_fd = -1;         // write end of the exec-error pipe
  const OsUser* run_as = nullptr;
  bool new_session = false;
  int parent_death_signal = 0;
};

[[noreturn]] void child_fail(int error_fd, int err) {
  // Best effort: the parent reads errno from the pipe. Nothing else is safe to do here.
  ssize_t ignored = write(error_fd, &err, sizeof err);
  (void)ignored;
  _exit(127);
}

[[noreturn]] void run_child(const ChildPlan& plan) {
  // Signals: default dispositions, nothing blocked (async-signal-safe calls only from here on).
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2}) sigaction(sig, &dfl, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (plan.new_session) setsid();
  if (plan.parent_death_signal != 0) prctl(PR_SET_PDEATHSIG, plan.parent_death_signal);

  // Move every source out of the way first, then into place: sources may sit on target numbers.
  const int count = static_cast<int>(plan.sources.size());
  const int base = 64;  // above every target
  int moved[64];
  for (int i = 0; i < count; ++i) {
    moved[i] = fcntl(plan.sources[static_cast<std::size_t>(i)], F_DUPFD, base);
    if (moved[i] < 0) child_fail(plan.error_fd, errno);
  }
  const int error_fd = fcntl(plan.error_fd, F_DUPFD_CLOEXEC, base);
  if (error_fd < 0) child_fail(plan.error_fd, errno);
  for (int i = 0; i < count; ++i) {
    if (dup2(moved[i], i) < 0) child_fail(error_fd, errno);
  }
  // Keep 0..count-1 and the error pipe; close the rest.
  if (error_fd > count) {
    if (close_range(static_cast<unsigned>(count), static_cast<unsigned>(error_fd - 1), 0) != 0) {
      for (int fd = count; fd < error_fd; ++fd) close(fd);
    }
  }
  if (close_range(static_cast<unsigned>(error_fd + 1), ~0U, 0) != 0) {
    for (int fd = error_fd + 1; fd < 65536; ++fd) close(fd);
  }

  if (chdir("/") != 0) child_fail(error_fd, errno);
  if (plan.run_as && (getuid() != plan.run_as->uid || geteuid() != plan.run_as->uid)) {
    if (setgroups(plan.run_as->groups.size(), plan.run_as->groups.data()) != 0) child_fail(error_fd, errno);
    if (setgid(plan.run_as->gid) != 0) child_fail(error_fd, errno);
    if (setuid(plan.run_as->uid) != 0) child_fail(error_fd, errno);
  }
  execve(plan.argv[0], plan.argv.data(), plan.envp.data());
  child_fail(error_fd, errno);
}

std::string quote_argv(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    out += a;
  }
  return out;
}

}  // namespace

Result<OsUser> lookup_os_user(const std::string& name) { return lookup(name.c_str(), 0); }

Result<OsUser> effective_os_user() { return lookup(nullptr, geteuid()); }

std::string describe_uid(uid_t uid) {
  auto user = lookup(nullptr, uid);
  if (!user.ok()) return "uid " + std::to_string(uid);
  return user->name + " (uid " + std::to_string(uid) + ")";
}

std::string CommandOutcome::describe() const {
  return signal ? "signal " + std::to_string(signal) : "exit code " + std::to_string(exit_code);
}

Result<pid_t> spawn(const std::vector<std::string>& argv, const SpawnOptions& options) {
  if (argv.empty() || argv[0].empty() || argv[0][0] != '/') {
    return Status::invalid_argument("spawn needs an absolute program path");
  }
  if (options.pass_fds.size() > 32) return Status::invalid_argument("spawn: too many fds to pass");

  ChildPlan plan;
  plan.argv_storage = argv;
  for (auto& a : plan.argv_storage) plan.argv.push_back(a.data());
  plan.argv.push_back(nullptr);

  std::vector<std::pair<std::string, std::string>> env = options.env;
  if (options.run_as) {
    env.emplace_back("HOME", options.run_as->home.string());
    env.emplace_back("USER", options.run_as->name);
    env.emplace_back("LOGNAME", options.run_as->name);
  }
  auto overridden = [&](const std::string& key) {
    for (const auto& [k, v] : env) {
      if (k == key) return true;
    }
    return false;
  };
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = entry.substr(0, eq);
    if (key.rfind("PG", 0) == 0 || overridden(key)) continue;
    plan.env_storage.push_back(entry);
  }
  for (const auto& [k, v] : env) plan.env_storage.push_back(k + "=" + v);
  for (auto& e : plan.env_storage) plan.envp.push_back(e.data());
  plan.envp.push_back(nullptr);

  const int dev_null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (dev_null < 0) return Status::io_error("cannot open /dev/null: " + errno_text(errno));
  plan.sources.push_back(options.stdin_fd >= 0 ? options.stdin_fd : dev_null);
  const int out = options.output_fd >= 0 ? options.output_fd : options.output_fd == -2 ? STDERR_FILENO : dev_null;
  plan.sources.push_back(out);
  plan.sources.push_back(out);
  for (int fd : options.pass_fds) plan.sources.push_back(fd);
  plan.run_as = options.run_as;
  plan.new_session = options.new_session;
  plan.parent_death_signal = options.parent_death_signal;

  int error_pipe[2];
  if (pipe2(error_pipe, O_CLOEXEC) != 0) {
    const int err = errno;
    close(dev_null);
    return Status::io_error("pipe: " + errno_text(err));
  }
  plan.error_fd = error_pipe[1];

  const pid_t pid = fork();
  if (pid == 0) run_child(plan);
  const int fork_errno = errno;
  close(error_pipe[1]);
  close(dev_null);
  if (pid < 0) {
    close(error_pipe[0]);
    return Status::io_error("fork: " + errno_text(fork_errno));
  }
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(error_pipe[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  close(error_pipe[0]);
  if (n == static_cast<ssize_t>(sizeof child_errno)) {
    waitpid(pid, nullptr, 0);
    std::string what = "cannot run " + argv[0];
    if (options.run_as) what += " as user " + options.run_as->name;
    return Status::io_error(what + ": " + errno_text(child_errno));
  }
  return pid;
}

Result<CommandOutcome> run_command(const std::vector<std::string>& argv, SpawnOptions options,
                                   std::chrono::milliseconds timeout) {
  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return Status::io_error("pipe: " + errno_text(errno));
  options.output_fd = out_pipe[1];
  auto pid = spawn(argv, options);
  close(out_pipe[1]);
  if (!pid.ok()) {
    close(out_pipe[0]);
    return pid.error();
  }
  fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);

  CommandOutcome outcome;
  auto drain = [&] {
    char buffer[4096];
    for (;;) {
      const ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
      if (n > 0) {
        outcome.output.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      return n == 0;  // true at EOF
    }
  };
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool eof = false;
  int status = 0;
  for (;;) {
    // Stop at the child's exit even if a grandchild still holds the pipe open.
    const pid_t done = waitpid(*pid, &status, WNOHANG);
    if (done == *pid) {
      drain();
      break;
    }
    if (done < 0 && errno == ECHILD) {
      close(out_pipe[0]);
      return Status::internal("cannot wait for " + argv[0] +
                              ": its exit status is gone (is SIGCHLD ignored in this process?)");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(*pid, SIGKILL);
      waitpid(*pid, nullptr, 0);
      drain();
      close(out_pipe[0]);
      return Status::unavailable(quote_argv(argv) + " did not finish within " + std::to_string(timeout.count()) +
                                 " ms; it printed:\n" + tail_lines(outcome.output, 20));
    }
    if (eof) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    pollfd p{out_pipe[0], POLLIN, 0};
    poll(&p, 1, 20);
    eof = drain();
  }
  close(out_pipe[0]);
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  return outcome;
}

std::string tail_lines(const std::string& text, std::size_t max_lines) {
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '\n') --end;
  std::size_t pos = end;
  std::size_t lines = 0;
  while (pos > 0) {
    if (text[pos - 1] == '\n' && ++lines == max_lines) break;
    --pos;
  }
  return text.substr(pos, end - pos);
}

}  // namespace cj::storage
