// The private PostgreSQL cluster: what `celljourney serve` runs when given no database URL.
#include "server/storage/private_cluster.h"

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

namespace fs = std::filesystem;
using storage::ClusterOptions;
using storage::PrivateCluster;
using storage::Status;
using namespace std::chrono_literals;

std::string query_one(const std::string& uri, const std::string& sql) {
  pqxx::connection conn{uri};
  pqxx::nontransaction tx{conn};
  return tx.exec1(sql)[0].as<std::string>();
}

// Sets an environment variable for the scope, restoring the old value after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Gone, or a zombie nobody has reaped yet (the postmaster's parent is init, or whoever adopts orphans here).
bool process_gone(pid_t pid) {
  if (::kill(pid, 0) != 0) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

uid_t nobody_uid() {
  const passwd* pw = ::getpwnam("nobody");
  return pw ? pw->pw_uid : 65534;
}

// --- The program's shared cluster -------------------------------------------------------------

TEST(PrivateCluster, AnswersQueriesThroughItsConnectionUri) {
  const std::string uri = cluster().connection_uri();
  EXPECT_EQ(uri.rfind("postgresql:///celljourney?host=" + cluster().socket_dir().string(), 0), 0u) << uri;
  EXPECT_EQ(query_one(uri, "SELECT 1"), "1");
  EXPECT_EQ(query_one(uri, "SELECT current_database()"), "celljourney");
  EXPECT_EQ(query_one(uri, "SELECT current_user"), cluster().user());
}

TEST(PrivateCluster, RunsAsPostgresWhenStartedByRoot) {
  if (::geteuid() != 0) GTEST_SKIP() << "only meaningful when the tests run as root (they do in CI)";
  EXPECT_EQ(cluster().user(), "postgres");
  struct stat st {};
  ASSERT_EQ(::stat(cluster().data_dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, ::getpwnam("postgres")->pw_uid);
}

TEST(PrivateCluster, ListensOnlyOnAUnixSocketOnlyItsOwnerCanUse) {
  const std::string uri = cluster().connection_uri();
  EXPECT_EQ(query_one(uri, "SHOW listen_addresses"), "");
  EXPECT_EQ(query_one(uri, "SHOW unix_socket_directories"), cluster().socket_dir().string());
  EXPECT_EQ(query_one(uri, "SHOW unix_socket_permissions"), "0700");
  struct stat st {};
  ASSERT_EQ(::stat((cluster().socket_dir() / ".s.PGSQL.5432").c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat(cluster().data_dir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(PrivateCluster, CreatesAndDropsDatabases) {
  ASSERT_TRUE(cluster().create_database("t_create_drop").ok());
  EXPECT_EQ(query_one(cluster().connection_uri("t_create_drop"), "SELECT current_database()"), "t_create_drop");
  EXPECT_EQ(cluster().create_database("t_create_drop").code(), Status::Code::kAlreadyExists);
  // Dropping works even with a session still connected.
  pqxx::connection still_connected{cluster().connection_uri("t_create_drop")};
  ASSERT_TRUE(cluster().drop_database("t_create_drop").ok());
  EXPECT_EQ(query_one(cluster().connection_uri(), "SELECT count(*) FROM pg_database WHERE datname = 't_create_drop'"),
            "0");
  EXPECT_EQ(cluster().create_database("Robert'); DROP TABLE x;--").code(), Status::Code::kInvalidArgument);
}

TEST(PrivateCluster, RefusesADataDirectoryAnotherProcessIsUsing) {
  ClusterOptions options;
  options.data_dir = cluster().data_dir();
  auto second = PrivateCluster::start(options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(second.error().message().find("in use by another celljourney process"), std::string::npos)
      << second.error().message();
  // ... and leaves the running one alone.
  EXPECT_EQ(query_one(cluster().connection_uri(), "SELECT 1"), "1");
  EXPECT_TRUE(fs::exists(cluster().data_dir() / "PG_VERSION"));
}

// --- Start-up errors (no initdb needed) -----------------------------------------------------------

TEST(PrivateClusterStart, MissingBinariesGiveAClearError) {
  TempDir dir;
  ScopedEnv env("CELLJOURNEY_PG_BIN", "/nonexistent/postgresql/bin");
  ClusterOptions options;
  options.data_dir = dir.path() / "pg";
  auto started = PrivateCluster::start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code(), Status::Code::kNotFound);
  EXPECT_NE(started.error().message().find("CELLJOURNEY_PG_BIN=/nonexistent/postgresql/bin"), std::string::npos)
      << started.error().message();
  EXPECT_NE(started.error().message().find("initdb"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.path() / "pg")) << "nothing is created when the binaries are missing";
}

TEST(PrivateClusterStart, FindsTheInstalledBinariesPreferringVersion15) {
  auto found = storage::find_postgres_binaries();
  ASSERT_TRUE(found.ok()) << found.error().message();
  EXPECT_TRUE(fs::exists(found->bin_dir / "pg_ctl"));
  if (fs::exists("/usr/lib/postgresql/15/bin/pg_ctl")) {
    EXPECT_EQ(found->major_version, 15);
    EXPECT_EQ(found->bin_dir, "/usr/lib/postgresql/15/bin");
  }
}

TEST(PrivateClusterStart, ADirectoryOwnedByAnotherUserIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to hand a directory to `nobody` (CI runs as root)";
  TempDir dir;
  const fs::path data = dir.path() / "pg";
  fs::create_directory(data);
  ASSERT_EQ(::chown(data.c_str(), nobody_uid(), nobody_uid()), 0);
  ClusterOptions options;
  options.data_dir = data;
  auto started = PrivateCluster::start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code(), Status::Code::kPermissionDenied);
  const std::string& message = started.error().message();
  EXPECT_NE(message.find("belongs to nobody"), std::string::npos) << message;
  EXPECT_NE(message.find("runs as postgres"), std::string::npos) << message;
  struct stat st {};
  ASSERT_EQ(::stat(data.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, nobody_uid()) << "the refused directory is left as it was";
}

TEST(PrivateClusterStart, AParentThePostgresUserCannotEnterIsNamed) {
  if (::geteuid() != 0) GTEST_SKIP() << "the cluster runs as another user only when started by root (CI runs as root)";
  TempDir dir;
  ASSERT_EQ(::chmod(dir.path().c_str(), 0700), 0);
  ClusterOptions options;
  options.data_dir = dir.path() / "var" / "postgres";
  auto started = PrivateCluster::start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code(), Status::Code::kPermissionDenied);
  EXPECT_NE(started.error().message().find(dir.path().string() + " (owner root"), std::string::npos)
      << started.error().message();
  EXPECT_NE(started.error().message().find("not traversable"), std::string::npos) << started.error().message();
}

TEST(PrivateClusterStart, APathTooLongForASocketIsRefused) {
  ClusterOptions options;
  options.data_dir = "/tmp/" + std::string(120, 'x');
  auto started = PrivateCluster::start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(started.error().message().find("too long"), std::string::npos) << started.error().message();
}

// --- Own clusters: restart ----------------------------------------------------------------------

TEST(PrivateClusterStart, RestartReusesTheDataDirectoryWithoutInitdb) {
  TempDir dir;
  ClusterOptions options;
  options.data_dir = dir.path() / "var" / "postgres";  // parents are created
  {
    auto first = PrivateCluster::start(options);
    ASSERT_TRUE(first.ok()) << first.error().message();
    EXPECT_TRUE((*first)->ran_initdb());
    pqxx::connection conn{(*first)->connection_uri()};
    pqxx::work tx{conn};
    tx.exec0("CREATE TABLE kept (value text)");
    tx.exec0("INSERT INTO kept VALUES ('still here')");
    tx.commit();
    conn.disconnect();
    ASSERT_TRUE((*first)->stop().ok());
    EXPECT_FALSE(fs::exists(options.data_dir / "postmaster.pid")) << "stop() stops the server";
  }
  EXPECT_TRUE(fs::exists(options.data_dir / "PG_VERSION")) << "a persistent cluster keeps its directory";

  auto second = PrivateCluster::start(options);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_FALSE((*second)->ran_initdb());
  EXPECT_EQ(query_one((*second)->connection_uri(), "SELECT value FROM kept"), "still here");
  const pid_t postmaster = (*second)->server_pid();
  second->reset();  // the destructor stops the server too
  EXPECT_TRUE(process_gone(postmaster));
}

// --- Crash safety: the watchdogs -----------------------------------------------------------------

enum class Death { kExit, kKill };

// Runs body in a forked child, which writes one line back (what body returns), then dies without
// cleaning up: _exit(0), or SIGKILL from us. Returns the line ("" when there was none).
template <typename Body>
std::string run_in_child_that_dies(Death death, Body body) {
  int report[2];
  if (::pipe(report) != 0) return "";
  const pid_t child = ::fork();
  if (child < 0) return "";
  if (child == 0) {
    ::close(report[0]);
    const std::string line = body() + "\n";
    (void)!::write(report[1], line.data(), line.size());
    if (death == Death::kKill) {
      for (;;) ::pause();
    }
    ::_exit(0);  // no destructors, no stop()
  }
  ::close(report[1]);
  std::string text;
  char buffer[512];
  while (text.find('\n') == std::string::npos) {
    const ssize_t n = ::read(report[0], buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(report[0]);
  if (death == Death::kKill) ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// Starts a cluster in the child and leaks it (never stopped: the child is about to die);
// returns "pid <postmaster>" or "error <message>".
std::string start_and_report(const ClusterOptions& options, const char* setup_sql = nullptr) {
  auto started = PrivateCluster::start(options);
  if (!started.ok()) return "error " + started.error().message();
  PrivateCluster* cluster = started.value().release();
  if (setup_sql) {
    pqxx::connection conn{cluster->connection_uri()};
    pqxx::nontransaction tx{conn};
    tx.exec(setup_sql);
  }
  return "pid " + std::to_string(cluster->server_pid());
}

pid_t reported_pid(const std::string& line) {
  if (line.rfind("pid ", 0) != 0) return 0;
  return static_cast<pid_t>(std::stol(line.substr(4)));
}

template <typename Done>
bool wait_until(Done done, std::chrono::seconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

void expect_ephemeral_cleanup_after_owner_dies(Death death) {
  TempDir parent;
  ClusterOptions options;
  options.data_dir = parent.path() / "pg";
  options.database = "";
  options.ephemeral = true;
  const std::string line = run_in_child_that_dies(death, [&] { return start_and_report(options); });
  const pid_t postmaster = reported_pid(line);
  ASSERT_GT(postmaster, 0) << "the child could not start its cluster: " << line;
  EXPECT_TRUE(wait_until([&] { return process_gone(postmaster) && !fs::exists(options.data_dir); }));
  EXPECT_TRUE(process_gone(postmaster)) << "postmaster " << postmaster << " still runs after its owner died";
  EXPECT_FALSE(fs::exists(options.data_dir)) << options.data_dir << " is still on disk after its owner died";
}

TEST(PrivateClusterWatchdog, StopsAndDeletesAnEphemeralClusterWhenItsOwnerExitsWithoutStopping) {
  expect_ephemeral_cleanup_after_owner_dies(Death::kExit);
}

TEST(PrivateClusterWatchdog, StopsAndDeletesAnEphemeralClusterWhenItsOwnerIsKilled) {
  expect_ephemeral_cleanup_after_owner_dies(Death::kKill);
}

TEST(PrivateClusterWatchdog, CleansUpEvenWhenAForkedChildOfTheOwnerOutlivesIt) {
  // The grandchild inherits the owner's end of the watchdog's socket, so no EOF comes when the
  // owner dies: the parent-death signal must do.
  TempDir parent;
  ClusterOptions options;
  options.data_dir = parent.path() / "pg";
  options.database = "";
  options.ephemeral = true;
  const std::string line = run_in_child_that_dies(Death::kExit, [&] {
    std::string report = start_and_report(options);
    const pid_t grandchild = ::fork();
    if (grandchild == 0) {  // lingers until the watchdog is done (or 10 s)
      for (int i = 0; i < 200 && fs::exists(options.data_dir); ++i) ::usleep(50'000);
      ::_exit(0);
    }
    return report + " " + std::to_string(grandchild);
  });
  const pid_t postmaster = reported_pid(line);
  ASSERT_GT(postmaster, 0) << "the child could not start its cluster: " << line;
  const pid_t grandchild = static_cast<pid_t>(std::stol(line.substr(line.rfind(' ') + 1)));
  EXPECT_TRUE(wait_until([&] { return process_gone(postmaster) && !fs::exists(options.data_dir); }));
  EXPECT_TRUE(process_gone(postmaster)) << "postmaster " << postmaster << " still runs after its owner died";
  EXPECT_FALSE(fs::exists(options.data_dir)) << options.data_dir << " is still on disk after its owner died";
  if (grandchild > 0) ::kill(grandchild, SIGKILL);
}

TEST(PrivateClusterWatchdog, StopsAPersistentClusterWhenItsOwnerIsKilledAndKeepsItsData) {
  TempDir parent;
  ClusterOptions options;
  options.data_dir = parent.path() / "pg";
  const std::string line = run_in_child_that_dies(Death::kKill, [&] {
    return start_and_report(options, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('survived');");
  });
  const pid_t postmaster = reported_pid(line);
  ASSERT_GT(postmaster, 0) << "the child could not start its cluster: " << line;
  EXPECT_TRUE(wait_until([&] { return process_gone(postmaster); }))
      << "postmaster " << postmaster << " still runs after its owner was killed";
  EXPECT_TRUE(fs::exists(options.data_dir / "PG_VERSION")) << "a persistent cluster keeps its data";

  // The next start finds the directory free (the watchdog released the lock) and the data there.
  std::unique_ptr<PrivateCluster> again;
  ASSERT_TRUE(wait_until([&] {
    auto started = PrivateCluster::start(options);
    if (started.ok()) again = std::move(started.value());
    return started.ok() || started.error().code() != Status::Code::kFailedPrecondition;
  }));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->ran_initdb());
  EXPECT_EQ(query_one(again->connection_uri(), "SELECT value FROM kept"), "survived");
}

TEST(TempDirWatchdog, RemovesTheDirectoryWhenItsOwnerDies) {
  const std::string path = run_in_child_that_dies(Death::kExit, [] {
    auto* dir = new TempDir("celljourney-tempdir-test-");  // never destroyed: the child just exits
    std::ofstream(dir->path() / "file") << "content";
    return dir->path().string();
  });
  ASSERT_FALSE(path.empty());
  EXPECT_TRUE(wait_until([&] { return !fs::exists(path); })) << path << " is still on disk after its owner died";
}

}  // namespace
}  // namespace cj::testing
