#include "server/storage/private_cluster.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/storage/databases.h"
#include "server/storage/subprocess.h"
#include "server/storage/watchdog_script.h"

namespace cj::storage {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr int kPort = kClusterPort;
constexpr std::size_t kMaxSocketPath = 107;  // sizeof(sockaddr_un::sun_path) - 1
constexpr const char* kSocketName = "/.s.PGSQL.5432";
constexpr const char* kLogName = "postgresql.log";
constexpr const char* kConfName = "celljourney.conf";
constexpr std::uintmax_t kLogRotateBytes = 10u << 20;


std::string errno_text(int err) { return std::strerror(err); }

bool is_executable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0 && fs::is_regular_file(p); }

bool has_server_binaries(const fs::path& dir) {
  return is_executable(dir / "initdb") && is_executable(dir / "pg_ctl") && is_executable(dir / "postgres");
}

// "postgres (PostgreSQL) 15.18 (Debian ...)" -> 15. 0 when it cannot tell.
int major_version_of(const fs::path& bin_dir) {
  auto outcome = run_command({(bin_dir / "postgres").string(), "--version"}, {}, 10s);
  if (!outcome.ok() || !outcome->succeeded()) return 0;
  static const std::regex version(R"(PostgreSQL\)?\s+(\d+))");
  std::smatch m;
  if (!std::regex_search(outcome->output, m, version)) return 0;
  return std::stoi(m[1]);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The last lines of a (possibly large) log file.
std::string log_tail(const fs::path& path, std::size_t lines = 20) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "(no log at " + path.string() + ")";
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::streamoff>(in.tellg());
  const std::streamoff window = 16384;
  in.seekg(size > window ? size - window : 0);
  std::ostringstream out;
  out << in.rdbuf();
  std::string text = tail_lines(out.str(), lines);
  return text.empty() ? "(the log is empty)" : text;
}

Status write_file(const fs::path& path, const std::string& content, const OsUser* owner) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::io_error("cannot write " + path.string() + ": " + errno_text(errno));
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      return Status::io_error("cannot write " + path.string() + ": " + errno_text(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (owner && ::fchown(fd, owner->uid, owner->gid) != 0) {
    const int err = errno;
    ::close(fd);
    return Status::io_error("cannot chown " + path.string() + ": " + errno_text(err));
  }
  ::close(fd);
  return {};
}

// Alive and not a zombie (a zombie postmaster has exited; its parent just hasn't reaped it).
bool process_alive(pid_t pid) {
  if (pid <= 0) return false;
  if (::kill(pid, 0) != 0 && errno != EPERM) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return ::kill(pid, 0) == 0 || errno == EPERM;
  const auto close_paren = line.rfind(')');
  return close_paren == std::string::npos || close_paren + 2 >= line.size() || line[close_paren + 2] != 'Z';
}

bool is_postgres_process(pid_t pid) {
  if (!process_alive(pid)) return false;
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(comm, name);
  return name.rfind("postgres", 0) == 0 || name.rfind("postmaster", 0) == 0;
}

struct PidFile {
  pid_t pid = 0;
  std::string data_dir, port, socket_dir;
};

bool read_pid_file(const fs::path& data_dir, PidFile& out) {
  std::ifstream in(data_dir / "postmaster.pid");
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  if (lines.empty()) return false;
  try {
    out.pid = static_cast<pid_t>(std::stol(lines[0]));
  } catch (const std::exception&) {
    return false;
  }
  if (lines.size() > 1) out.data_dir = lines[1];
  if (lines.size() > 3) out.port = lines[3];
  if (lines.size() > 4) out.socket_dir = lines[4];
  return true;
}

Status check_path(const fs::path& dir) {
  const std::string s = dir.string();
  if (s.find_first_of("\"'\\$`,\n\r") != std::string::npos) {
    return Status::invalid_argument("the data directory path " + s +
                                    " contains a quote, backslash, dollar, backtick, comma or newline; "
                                    "pg_ctl and unix_socket_directories cannot take it: choose a plainer path");
  }
  if (s.size() + std::strlen(kSocketName) > kMaxSocketPath) {
    return Status::invalid_argument("the data directory path " + s + " is too long (" + std::to_string(s.size()) +
                                    " characters) to hold the server's Unix socket: at most " +
                                    std::to_string(kMaxSocketPath - std::strlen(kSocketName)) + " are possible");
  }
  return {};
}

bool can_traverse(const struct stat& st, const OsUser& user) {
  if (user.uid == 0) return true;
  if (st.st_uid == user.uid) return st.st_mode & S_IXUSR;
  if (std::find(user.groups.begin(), user.groups.end(), st.st_gid) != user.groups.end()) return st.st_mode & S_IXGRP;
  return st.st_mode & S_IXOTH;
}

std::string mode_text(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

bool is_empty_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_empty(dir, ec) && !ec;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Result<PostgresBinaries> find_postgres_binaries(int prefer_major) {
  if (const char* env = std::getenv("CELLJOURNEY_PG_BIN"); env && *env) {
    const fs::path dir(env);
    if (!has_server_binaries(dir)) {
      return Status::not_found("CELLJOURNEY_PG_BIN=" + dir.string() +
                               " does not hold the PostgreSQL server programs (initdb, pg_ctl, postgres); "
                               "point it at a directory that does, e.g. /usr/lib/postgresql/15/bin, or unset it");
    }
    const int major = major_version_of(dir);
    if (major == 0) return Status::not_found("cannot tell the version of " + (dir / "postgres").string());
    return PostgresBinaries{dir, major};
  }

  std::vector<fs::path> searched;
  std::vector<std::pair<int, fs::path>> installed;  // /usr/lib/postgresql/<major>/bin
  const fs::path root = "/usr/lib/postgresql";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    installed.emplace_back(std::stoi(name), entry.path() / "bin");
  }
  // Preferred major, then 15 (what we test with), then the newest first.
  std::sort(installed.begin(), installed.end(), [&](const auto& a, const auto& b) {
    auto rank = [&](int v) { return v == prefer_major ? 0 : v == 15 ? 1 : 2; };
    if (rank(a.first) != rank(b.first)) return rank(a.first) < rank(b.first);
    return a.first > b.first;
  });
  for (const auto& [major, dir] : installed) {
    searched.push_back(dir);
    if (has_server_binaries(dir)) return PostgresBinaries{dir, major};
  }
  // Other layouts: pg_ctl on PATH (resolved through symlinks such as /usr/local/bin/pg_ctl).
  if (const char* path = std::getenv("PATH")) {
    std::stringstream parts(path);
    std::string part;
    while (std::getline(parts, part, ':')) {
      if (part.empty()) continue;
      const fs::path pg_ctl = fs::path(part) / "pg_ctl";
      if (!is_executable(pg_ctl)) continue;
      const fs::path dir = fs::weakly_canonical(pg_ctl, ec).parent_path();
      searched.push_back(dir);
      if (has_server_binaries(dir)) {
        const int major = major_version_of(dir);
        if (major != 0) return PostgresBinaries{dir, major};
      }
    }
  }
  std::string where = root.string() + "/*/bin";
  for (const auto& s : searched) where += ", " + s.string();
  return Status::not_found("PostgreSQL server programs (initdb, pg_ctl, postgres) not found; looked in " + where +
                           " and on PATH. Install them (Debian: apt-get install postgresql-15) or set "
                           "CELLJOURNEY_PG_BIN to the directory holding them");
}

// ---------------------------------------------------------------------------------------------

struct PrivateCluster::State {
  ClusterOptions options;
  fs::path data_dir;
  PostgresBinaries bin;
  OsUser user;
  bool switch_user = false;  // we are root; the tools run as `user`
  int lock_fd = -1;
  pid_t watchdog_pid = -1;
  int watchdog_fd = -1;
  bool server_running = false;
  bool created_dir = false;     // by us, in this start()
  bool delete_at_stop = false;  // ephemeral, and the directory is ours (created or empty, locked)
  bool initdb_ran = false;
  std::atomic<pid_t> postmaster = 0;
  bool stopped = false;
  std::mutex stop_mutex;

  const OsUser* run_as() const { return switch_user ? &user : nullptr; }
  std::chrono::milliseconds timeout() const { return options.start_timeout; }

  Result<CommandOutcome> tool(const std::string& name, std::vector<std::string> args,
                              std::chrono::milliseconds limit) const {
    args.insert(args.begin(), (bin.bin_dir / name).string());
    SpawnOptions spawn_options;
    spawn_options.run_as = run_as();
    return run_command(args, spawn_options, limit);
  }

  std::string uri(const std::string& database) const { return socket_uri(data_dir, user.name, database); }

  Status prepare_directory();
  Status check_reachable();
  Status lock_directory();
  Status start_watchdog();
  Status initdb();
  Status write_config();
  Status start_server();
  Status await_connections();
  Status ensure_database();
  Status ensure_running(bool& restarted);
  Status stop();
};

Status PrivateCluster::State::prepare_directory() {
  struct stat st {};
  if (::stat(data_dir.c_str(), &st) != 0) {
    if (errno != ENOENT) return Status::io_error("cannot inspect " + data_dir.string() + ": " + errno_text(errno));
    // Parents we create must let the cluster user through, whatever our umask.
    for (fs::path p = data_dir.root_path(); auto part : data_dir.relative_path().parent_path()) {
      p /= part;
      if (::mkdir(p.c_str(), 0755) == 0) {
        if (switch_user) ::chmod(p.c_str(), 0755);
      } else if (errno != EEXIST) {
        return Status::io_error("cannot create " + p.string() + ": " + errno_text(errno));
      }
    }
    if (::mkdir(data_dir.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::io_error("cannot create " + data_dir.string() + ": " + errno_text(errno));
    }
    created_dir = true;
    if (::stat(data_dir.c_str(), &st) != 0) return Status::io_error("cannot inspect " + data_dir.string());
  }
  if (!S_ISDIR(st.st_mode)) return Status::invalid_argument(data_dir.string() + " exists and is not a directory");

  const bool empty = is_empty_dir(data_dir);
  if (options.ephemeral && !empty) {
    return Status::invalid_argument(
        "an ephemeral cluster deletes its directory at stop, so it needs a new or empty one; " + data_dir.string() +
        " is not empty");
  }
  if (st.st_uid != user.uid) {
    if (!(switch_user && st.st_uid == ::geteuid() && empty)) {
      return Status::permission_denied(
          "the data directory " + data_dir.string() + " belongs to " + describe_uid(st.st_uid) +
          ", but the cluster runs as " + user.name + ": choose a directory of your own" +
          (switch_user ? ", or hand this one over: chown -R " + user.name + ": " + data_dir.string() : std::string()));
    }
    // Ours and empty (e.g. made by `mkdir -p` as root): hand it to the cluster user.
    if (::chown(data_dir.c_str(), user.uid, user.gid) != 0) {
      return Status::io_error("cannot chown " + data_dir.string() + " to " + user.name + ": " + errno_text(errno));
    }
  }
  if ((st.st_mode & 077) != 0 && ::chmod(data_dir.c_str(), 0700) != 0) {
    return Status::io_error("cannot chmod 0700 " + data_dir.string() + ": " + errno_text(errno));
  }
  return {};
}

// As root the tools run as `user`: every parent directory must let that user through.
Status PrivateCluster::State::check_reachable() {
  if (!switch_user) return {};
  SpawnOptions spawn_options;
  spawn_options.run_as = &user;
  auto outcome =
      run_command({"/bin/sh", "-c", "cd -- \"$1\" && test -w .", "sh", data_dir.string()}, spawn_options, 10s);
  if (!outcome.ok()) return outcome.error();
  if (outcome->succeeded()) return {};
  for (fs::path p = data_dir.root_path(); auto part : data_dir.relative_path().parent_path()) {
    p /= part;
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) break;
    if (!can_traverse(st, user)) {
      return Status::permission_denied(
          "the cluster runs as user " + user.name + ", who cannot reach " + data_dir.string() + ": " + p.string() +
          " (owner " + describe_uid(st.st_uid) + ", mode " + mode_text(st.st_mode) +
          ") is not traversable for it. Make it so (chmod o+x " + p.string() + ") or choose a data directory " +
          user.name + " can reach, such as /var/lib/celljourney/postgres");
    }
  }
  return Status::permission_denied("the cluster runs as user " + user.name + ", who cannot use " + data_dir.string() +
                                   ": " + tail_lines(outcome->output, 3));
}

Status PrivateCluster::State::lock_directory() {
  lock_fd = ::open(data_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock_fd < 0) return Status::io_error("cannot open " + data_dir.string() + ": " + errno_text(errno));
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(lock_fd);
    lock_fd = -1;
    if (err == EWOULDBLOCK) {
      return Status::failed_precondition(
          "the data directory " + data_dir.string() +
          " is in use by another celljourney process (or by the watchdog of one that just died, "
          "stopping its server: then retry in a few seconds); stop it, or connect to its "
          "database with --database '" +
          uri(options.database) + "'");
    }
    return Status::io_error("cannot lock " + data_dir.string() + ": " + errno_text(err));
  }
  return {};
}

Status PrivateCluster::State::start_watchdog() {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    return Status::io_error("socketpair: " + errno_text(errno));
  }
  SpawnOptions spawn_options;
  spawn_options.output_fd = -2;  // its rare complaints go to our stderr
  spawn_options.pass_fds = {pair[1], lock_fd};
  spawn_options.new_session = true;
  spawn_options.parent_death_signal = SIGHUP;
  auto pid = spawn({"/bin/sh", "-c", watchdog_script(), "celljourney-pg-watchdog", data_dir.string(),
                    options.ephemeral ? "remove" : "keep", std::to_string(::getpid())},
                   spawn_options);
  ::close(pair[1]);
  if (!pid.ok()) {
    ::close(pair[0]);
    return pid.error().with_context("cannot start the cluster's watchdog");
  }
  watchdog_pid = *pid;
  watchdog_fd = pair[0];
  return {};
}

Status PrivateCluster::State::initdb() {
  if (!is_empty_dir(data_dir)) {
    return Status::failed_precondition("the data directory " + data_dir.string() +
                                       " is not empty and is not a PostgreSQL data directory (no PG_VERSION); "
                                       "choose an empty or new directory");
  }
  spdlog::info("initialising a PostgreSQL {} cluster in {} (user {})", bin.major_version, data_dir.string(), user.name);
  std::vector<std::string> args{"-D",
                                data_dir.string(),
                                "--username=" + user.name,
                                "--encoding=UTF8",
                                "--locale=C.UTF-8",
                                "--auth-local=trust",
                                "--auth-host=reject",
                                "--no-instructions"};
  if (options.ephemeral) args.push_back("--no-sync");
  auto outcome = tool("initdb", args, timeout());
  if (!outcome.ok()) return outcome.error().with_context("initdb failed");
  if (!outcome->succeeded()) {
    return Status::io_error("initdb failed (" + outcome->describe() + ") for " + data_dir.string() + ":\n" +
                            tail_lines(outcome->output, 20));
  }
  initdb_ran = true;
  return {};
}

// Rewritten at every start, so that a moved directory or an older celljourney's files are fixed.
Status PrivateCluster::State::write_config() {
  const fs::path main_conf = data_dir / "postgresql.conf";
  const std::string include_line = std::string("include = '") + kConfName + "'";
  if (read_file(main_conf).find(include_line) == std::string::npos) {
    std::ofstream out(main_conf, std::ios::app);
    out << "\n# celljourney: private cluster settings (socket only), rewritten at every start.\n"
        << include_line << "\n";
    if (!out) return Status::io_error("cannot append to " + main_conf.string());
  }
  std::string conf =
      "# Written by celljourney at every start of this private cluster; edits here are lost.\n"
      "# No TCP: the only way in is the Unix socket in the data directory, for its owner and root.\n"
      "listen_addresses = ''\n"
      "port = " +
      std::to_string(kPort) +
      "\n"
      "unix_socket_directories = '" +
      data_dir.string() +
      "'\n"
      "unix_socket_permissions = 0700\n";
  if (options.ephemeral) {
    conf +=
        "# Ephemeral (tests): durability is worthless, speed is not.\n"
        "fsync = off\n"
        "synchronous_commit = off\n"
        "full_page_writes = off\n";
  }
  if (Status s = write_file(data_dir / kConfName, conf, run_as()); !s.ok()) return s;
  const std::string hba =
      "# Written by celljourney at every start of this private cluster; edits here are lost.\n"
      "# Local socket only (its directory and the socket are mode 0700): trust its owner.\n"
      "local all all trust\n";
  return write_file(data_dir / "pg_hba.conf", hba, run_as());
}

Status PrivateCluster::State::start_server() {
  PidFile pid_file;
  if (read_pid_file(data_dir, pid_file) && is_postgres_process(pid_file.pid)) {
    // We hold the directory lock, so no celljourney owns this server: it was left behind.
    if (pid_file.socket_dir != data_dir.string() || pid_file.port != std::to_string(kPort)) {
      return Status::failed_precondition(
          "a PostgreSQL server (pid " + std::to_string(pid_file.pid) + ") is already running in " + data_dir.string() +
          " with another configuration (socket directory '" + pid_file.socket_dir + "', port " + pid_file.port +
          "); stop it first: " + (bin.bin_dir / "pg_ctl").string() + " stop -D " + data_dir.string());
    }
    spdlog::warn("adopting the PostgreSQL server (pid {}) left running in {}", pid_file.pid, data_dir.string());
    server_running = true;
    postmaster = pid_file.pid;
    return {};
  }
  const fs::path log = data_dir / kLogName;
  std::error_code ec;
  if (fs::exists(log, ec) && fs::file_size(log, ec) > kLogRotateBytes) {
    fs::rename(log, data_dir / (std::string(kLogName) + ".1"), ec);
  }
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options.start_timeout).count();
  auto outcome = tool("pg_ctl",
                      {"start", "-D", data_dir.string(), "-l", log.string(), "-w", "-t",
                       std::to_string(std::max<long long>(1, seconds)), "-s"},
                      options.start_timeout + 15s);
  if (!outcome.ok() || !outcome->succeeded()) {
    // pg_ctl may have given up on a postmaster that is still coming up: stop() must stop it.
    server_running = read_pid_file(data_dir, pid_file) && is_postgres_process(pid_file.pid);
    postmaster = server_running ? pid_file.pid : 0;
    const std::string why =
        outcome.ok() ? outcome->describe() + ": " + tail_lines(outcome->output, 5) : outcome.error().message();
    return Status::unavailable("PostgreSQL did not start in " + data_dir.string() + " (pg_ctl " + why +
                               "). Last lines of " + log.string() + ":\n" + log_tail(log));
  }
  if (!read_pid_file(data_dir, pid_file)) {
    return Status::internal("PostgreSQL started but " + (data_dir / "postmaster.pid").string() + " is unreadable");
  }
  server_running = true;
  postmaster = pid_file.pid;
  return {};
}

Status PrivateCluster::State::await_connections() {
  const auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
  std::string last_error;
  for (;;) {
    try {
      pqxx::connection conn{uri("postgres")};
      pqxx::nontransaction tx{conn};
      tx.exec1("SELECT 1");
      return {};
    } catch (const std::exception& e) {
      last_error = e.what();
    }
    if (std::chrono::steady_clock::now() >= deadline || !process_alive(postmaster)) break;
    std::this_thread::sleep_for(50ms);
  }
  return Status::unavailable("PostgreSQL in " + data_dir.string() + " does not accept connections: " + last_error +
                             "\nLast lines of " + (data_dir / kLogName).string() + ":\n" +
                             log_tail(data_dir / kLogName));
}

Status PrivateCluster::State::ensure_database() {
  if (options.database.empty()) return {};
  if (!valid_database_name(options.database)) {
    return Status::invalid_argument("database name '" + options.database + "' is not of the form [a-z_][a-z0-9_]*");
  }
  try {
    pqxx::connection conn{uri("postgres")};
    pqxx::nontransaction tx{conn};
    if (!tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", options.database).empty()) return {};
    tx.exec0("CREATE DATABASE " + tx.quote_name(options.database));
    spdlog::info("created database {}", options.database);
    return {};
  } catch (const std::exception& e) {
    return status_of_database_error(e, "cannot create database " + options.database);
  }
}

// Supervision: under stop_mutex, so that a restart never races with stop().
Status PrivateCluster::State::ensure_running(bool& restarted) {
  restarted = false;
  std::lock_guard lock(stop_mutex);
  if (stopped || is_postgres_process(postmaster)) return {};
  spdlog::error("PostgreSQL in {} (pid {}) is gone; starting it again", data_dir.string(), postmaster.load());
  server_running = false;
  if (Status s = start_server(); !s.ok()) return s;
  if (Status s = await_connections(); !s.ok()) return s;
  restarted = true;
  spdlog::warn("PostgreSQL in {} is running again (pid {})", data_dir.string(), postmaster.load());
  return {};
}

Status PrivateCluster::State::stop() {
  std::lock_guard lock(stop_mutex);
  if (stopped) return {};
  stopped = true;
  Status result;
  if (server_running) {
    // Ephemeral data is about to be deleted: no point in a shutdown checkpoint.
    const std::string mode = options.ephemeral ? "immediate" : "fast";
    auto outcome = tool("pg_ctl", {"stop", "-D", data_dir.string(), "-m", mode, "-w", "-t", "60", "-s"}, 75s);
    if (!outcome.ok() || !outcome->succeeded()) {
      spdlog::warn("pg_ctl stop -m {} failed for {}: {}", mode, data_dir.string(),
                   outcome.ok() ? outcome->output : outcome.error().message());
      auto retry = tool("pg_ctl", {"stop", "-D", data_dir.string(), "-m", "immediate", "-w", "-t", "30", "-s"}, 40s);
      if ((!retry.ok() || !retry->succeeded()) && is_postgres_process(postmaster)) {
        ::kill(postmaster, SIGKILL);
        result = Status::io_error("PostgreSQL in " + data_dir.string() + " did not stop; killed pid " +
                                  std::to_string(postmaster));
      }
    }
    server_running = false;
    spdlog::info("stopped PostgreSQL in {}", data_dir.string());
  }
  if (delete_at_stop) {
    std::error_code ec;
    fs::remove_all(data_dir, ec);
    if (ec && result.ok()) result = Status::io_error("cannot delete " + data_dir.string() + ": " + ec.message());
  } else if (created_dir && !initdb_ran) {
    ::rmdir(data_dir.c_str());  // a failed first start leaves no empty directory behind (fails if not empty)
  }
  if (watchdog_fd >= 0) {
    static const char kStop[] = "stop\n";
    ssize_t ignored = ::send(watchdog_fd, kStop, sizeof kStop - 1, MSG_NOSIGNAL);
    (void)ignored;
    ::close(watchdog_fd);
    watchdog_fd = -1;
  }
  if (watchdog_pid > 0) {
    while (::waitpid(watchdog_pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    watchdog_pid = -1;
  }
  if (lock_fd >= 0) {
    ::close(lock_fd);
    lock_fd = -1;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

PrivateCluster::PrivateCluster(std::unique_ptr<State> state) : state_(std::move(state)) {}

PrivateCluster::~PrivateCluster() {
  if (!state_) return;
  if (Status s = state_->stop(); !s.ok()) spdlog::error("{}", s.message());
}

Result<std::unique_ptr<PrivateCluster>> PrivateCluster::start(const ClusterOptions& options) {
  if (options.data_dir.empty()) return Status::invalid_argument("no data directory given for the private cluster");
  auto state = std::make_unique<State>();
  state->options = options;
  std::error_code ec;
  state->data_dir = fs::absolute(options.data_dir, ec).lexically_normal();
  if (ec) return Status::io_error("cannot resolve " + options.data_dir.string() + ": " + ec.message());
  if (!state->data_dir.has_filename()) state->data_dir = state->data_dir.parent_path();  // trailing slash
  if (Status s = check_path(state->data_dir); !s.ok()) return s;

  if (::geteuid() == 0) {
    auto user = lookup_os_user("postgres");
    if (!user.ok()) {
      return Status::not_found("running as root, the private cluster runs as the `postgres` system user, and " +
                               user.error().message() +
                               "; install postgresql-15 (which creates it) or run as a normal user");
    }
    state->user = std::move(user.value());
    state->switch_user = true;
  } else {
    auto user = effective_os_user();
    if (!user.ok()) return user.error();
    state->user = std::move(user.value());
  }

  // Binaries first (nothing touched yet if they are missing), of the directory's version if any.
  int data_major = 0;
  if (std::string v = read_file(state->data_dir / "PG_VERSION"); !v.empty()) data_major = std::atoi(v.c_str());
  auto bin = find_postgres_binaries(data_major);
  if (!bin.ok()) return bin.error();
  state->bin = bin.value();
  if (data_major != 0 && data_major != state->bin.major_version) {
    return Status::failed_precondition(
        "the data directory " + state->data_dir.string() + " holds a PostgreSQL " + std::to_string(data_major) +
        " cluster, but the server programs found are version " + std::to_string(state->bin.major_version) + " (" +
        state->bin.bin_dir.string() + "): install PostgreSQL " + std::to_string(data_major) +
        " or upgrade the cluster with pg_upgrade");
  }

  // From here on the cluster object owns what was set up: its destructor undoes it on failure.
  std::unique_ptr<PrivateCluster> cluster(new PrivateCluster(std::move(state)));
  State& st = *cluster->state_;
  if (Status s = st.prepare_directory(); !s.ok()) return s;
  if (Status s = st.check_reachable(); !s.ok()) return s;
  if (Status s = st.lock_directory(); !s.ok()) return s;
  st.delete_at_stop = st.options.ephemeral;  // prepare_directory() checked it was new or empty

  if (Status s = st.start_watchdog(); !s.ok()) return s;
  if (data_major == 0) {
    if (Status s = st.initdb(); !s.ok()) return s;
  }
  if (Status s = st.write_config(); !s.ok()) return s;
  if (Status s = st.start_server(); !s.ok()) return s;
  if (Status s = st.await_connections(); !s.ok()) return s;
  if (Status s = st.ensure_database(); !s.ok()) return s;
  spdlog::info("PostgreSQL {} is running in {} (pid {}, socket only)", st.bin.major_version, st.data_dir.string(),
               st.postmaster.load());
  return cluster;
}

std::string PrivateCluster::connection_uri(const std::string& database) const { return state_->uri(database); }
std::string PrivateCluster::connection_uri() const { return state_->uri(state_->options.database); }
const fs::path& PrivateCluster::data_dir() const { return state_->data_dir; }
const fs::path& PrivateCluster::socket_dir() const { return state_->data_dir; }
const std::string& PrivateCluster::user() const { return state_->user.name; }
pid_t PrivateCluster::server_pid() const { return state_->postmaster; }
bool PrivateCluster::ran_initdb() const { return state_->initdb_ran; }
Status PrivateCluster::stop() { return state_->stop(); }
Status PrivateCluster::ensure_running(bool& restarted) { return state_->ensure_running(restarted); }

Status PrivateCluster::create_database(const std::string& name, const std::string& template_database) {
  return storage::create_database(state_->uri("postgres"), name, template_database);
}

Status PrivateCluster::drop_database(const std::string& name) {
  return storage::drop_database(state_->uri("postgres"), name);
}

}  // namespace cj::storage
