#include "tests/support/database_fixture.h"

#include <cstdlib>
#include <mutex>
#include <optional>
#include <random>

#include "server/storage/databases.h"
#include "server/storage/private_cluster.h"
#include "tests/support/shared_cluster.h"

namespace cj::testing {

namespace {

// The program's own cluster (none when attached to the shared one).
std::unique_ptr<TempDir> g_cluster_dir;
std::unique_ptr<storage::PrivateCluster> g_own_cluster;
std::optional<TestCluster> g_cluster;

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

// The shared cluster's holder made the template; a cluster of our own gets it on first use.
storage::Status ensure_migrated_template() {
  if (!g_own_cluster) return {};
  static std::once_flag once;
  static storage::Status status;
  std::call_once(once, [] {
    status =
        create_migrated_template(cluster().connection_uri("postgres"), cluster().connection_uri(kMigratedTemplate));
  });
  return status;
}

}  // namespace

TestCluster::TestCluster(std::filesystem::path data_dir, std::string user)
    : data_dir_(std::move(data_dir)), user_(std::move(user)) {}

std::string TestCluster::connection_uri(const std::string& database) const {
  return storage::socket_uri(data_dir_, user_, database);
}

std::string TestCluster::connection_uri() const { return connection_uri("celljourney"); }

storage::Status TestCluster::create_database(const std::string& name, const std::string& template_database) {
  return storage::create_database(connection_uri("postgres"), name, template_database);
}

storage::Status TestCluster::drop_database(const std::string& name) {
  return storage::drop_database(connection_uri("postgres"), name);
}

void ClusterEnvironment::SetUp() {
  if (const char* shared = std::getenv("CELLJOURNEY_TEST_CLUSTER"); shared && *shared) {
    auto address = read_cluster_address(shared);
    if (!address.ok()) GTEST_FAIL() << "cannot use the shared test cluster: " << address.error().message();
    g_cluster.emplace(address->data_dir, address->user);
    return;
  }
  g_cluster_dir = std::make_unique<TempDir>("celljourney-pg-");
  storage::ClusterOptions options;
  options.data_dir = g_cluster_dir->path();
  options.database = "celljourney";
  options.ephemeral = true;
  auto started = storage::PrivateCluster::start(options);
  if (!started.ok()) GTEST_FAIL() << "cannot start the test PostgreSQL cluster: " << started.error().message();
  g_own_cluster = std::move(started.value());
  g_cluster.emplace(g_own_cluster->data_dir(), g_own_cluster->user());
}

void ClusterEnvironment::TearDown() {
  g_cluster.reset();
  if (g_own_cluster) {
    storage::Status stopped = g_own_cluster->stop();
    EXPECT_TRUE(stopped.ok()) << stopped.message();
    g_own_cluster.reset();
  }
  g_cluster_dir.reset();
}

TestCluster& cluster() {
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
