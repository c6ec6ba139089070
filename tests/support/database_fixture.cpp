#include "tests/support/database_fixture.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <random>
#include <vector>

#include "server/storage/migrations.h"
#include "server/storage/subprocess.h"

namespace cj::testing {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMigratedTemplate = "cj_template_migrated";

std::unique_ptr<TempDir> g_cluster_dir;
std::unique_ptr<storage::PrivateCluster> g_cluster;

std::string random_suffix() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  std::lock_guard lock(mutex);
  static const char* hex = "0123456789abcdef";
  std::string out;
  auto bits = engine();
  for (int i = 0; i < 12; ++i, bits >>= 4) out += hex[bits & 15];
  return out;
}

// Creates and migrates the template database once per program; later calls return its status.
storage::Status ensure_migrated_template() {
  static std::once_flag once;
  static storage::Status status;
  std::call_once(once, [] {
    status = cluster().create_database(kMigratedTemplate);
    if (!status.ok()) return;
    auto report = storage::migrate(cluster().connection_uri(kMigratedTemplate));
    if (!report.ok()) status = report.error().with_context("migrating the template database");
  });
  return status;
}

}  // namespace

TempDir::TempDir(std::string_view prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = (tmp && *tmp ? std::string(tmp) : std::string("/tmp")) + "/" + std::string(prefix) + "XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!::mkdtemp(buffer.data())) {
    ADD_FAILURE() << "mkdtemp " << pattern << " failed";
    return;
  }
  path_ = buffer.data();
  ::chmod(path_.c_str(), 0711);

  // The watchdog: EOF on fd 3 (we died) means delete the directory, once the watchdogs of any
  // cluster inside have stopped their servers (no postmaster.pid left, or 10 s passed).
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    ADD_FAILURE() << "socketpair failed";
    return;
  }
  storage::SpawnOptions options;
  options.pass_fds = {pair[1]};
  options.new_session = true;
  static constexpr const char* kScript = R"sh(
IFS= read -r line <&3
[ "$line" = stop ] && exit 0
i=0
while [ $i -lt 100 ] && [ -n "$(find "$1" -name postmaster.pid 2>/dev/null)" ]; do sleep 0.1; i=$((i+1)); done
rm -rf -- "$1"
)sh";
  auto pid = storage::spawn({"/bin/sh", "-c", kScript, "celljourney-tempdir-watchdog", path_.string()}, options);
  ::close(pair[1]);
  if (!pid.ok()) {
    ::close(pair[0]);
    ADD_FAILURE() << pid.error().message();
    return;
  }
  watchdog_fd_ = pair[0];
  watchdog_pid_ = *pid;
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
  if (ec) {
    // Something still writes in there (a cluster whose watchdog is stopping it): the
    // watchdog deletes the directory once the server is gone. Reaped by init.
    if (watchdog_fd_ >= 0) ::close(watchdog_fd_);
    return;
  }
  if (watchdog_fd_ >= 0) {
    static const char kStop[] = "stop\n";
    (void)!::send(watchdog_fd_, kStop, sizeof kStop - 1, MSG_NOSIGNAL);
    ::close(watchdog_fd_);
  }
  if (watchdog_pid_ > 0) ::waitpid(watchdog_pid_, nullptr, 0);
}

void ClusterEnvironment::SetUp() {
  g_cluster_dir = std::make_unique<TempDir>("celljourney-pg-");
  storage::ClusterOptions options;
  options.data_dir = g_cluster_dir->path();
  options.database = "celljourney";
  options.ephemeral = true;
  auto started = storage::PrivateCluster::start(options);
  if (!started.ok()) GTEST_FAIL() << "cannot start the test PostgreSQL cluster: " << started.error().message();
  g_cluster = std::move(started.value());
}

void ClusterEnvironment::TearDown() {
  if (g_cluster) {
    storage::Status stopped = g_cluster->stop();
    EXPECT_TRUE(stopped.ok()) << stopped.message();
    g_cluster.reset();
  }
  g_cluster_dir.reset();
}

storage::PrivateCluster& cluster() {
  if (!g_cluster) {
    // Only reachable when a test runs without the environment: say so loudly.
    ADD_FAILURE() << "the test PostgreSQL cluster is not running (is ClusterEnvironment registered?)";
    std::abort();
  }
  return *g_cluster;
}

FreshDatabase::FreshDatabase(Schema schema) {
  name_ = "t_" + random_suffix();
  std::string template_name;
  if (schema == Schema::kMigrated) {
    if (storage::Status s = ensure_migrated_template(); !s.ok()) {
      ADD_FAILURE() << s.message();
      return;
    }
    template_name = kMigratedTemplate;
  }
  if (storage::Status s = cluster().create_database(name_, template_name); !s.ok()) {
    ADD_FAILURE() << s.message();
    return;
  }
  uri_ = cluster().connection_uri(name_);
}

FreshDatabase::~FreshDatabase() {
  if (!ok() || !g_cluster) return;
  storage::Status s = g_cluster->drop_database(name_);
  EXPECT_TRUE(s.ok()) << s.message();
}

void DatabaseTest::SetUp() {
  database_ = std::make_unique<FreshDatabase>();
  ASSERT_TRUE(database_->ok());
}

void DatabaseTest::TearDown() { database_.reset(); }

}  // namespace cj::testing
