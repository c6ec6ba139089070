// Integration-test support: one throwaway PostgreSQL cluster per test program, and a fresh
// database per test.
//
//   TEST_F(DatabaseTest, ...) { pqxx::connection c{uri()}; ... }   // migrated, dropped after
//   FreshDatabase db{FreshDatabase::Schema::kEmpty};                // nothing in it
//   ServerProcess server({"--database", FreshDatabase().uri()});   // a server on it
//
// The cluster is an ephemeral storage::PrivateCluster started by ClusterEnvironment (registered
// by integration_main.cpp) in a mkdtemp directory under $TMPDIR (or /tmp). Its watchdog stops it
// and deletes the directory even when the program crashes or is killed.
//
// Thread-safety: cluster() and FreshDatabase may be used from any thread once the environment
// is set up.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "server/storage/private_cluster.h"

namespace cj::testing {

/// A new directory under $TMPDIR (or /tmp), mode 0711 so that the cluster's OS user (postgres,
/// when tests run as root) can pass through it; removed with its contents on destruction, or
/// by a watchdog process when this program dies first (after any server in it has stopped).
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "celljourney-test-");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int watchdog_fd_ = -1;
  pid_t watchdog_pid_ = -1;
};

/// Starts the program's cluster in SetUp (a fatal failure there skips every test) and stops it
/// in TearDown. Register exactly one, before RUN_ALL_TESTS().
class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

/// The program's cluster. REQUIRES: ClusterEnvironment is set up (fails the test otherwise).
storage::PrivateCluster& cluster();

/// A database of its own on the program's cluster, named t_<random>, dropped (WITH FORCE) on
/// destruction. kMigrated copies a template migrated once per program with the embedded
/// migrations (fast); kEmpty is a plain CREATE DATABASE. On failure it reports a test failure
/// (ADD_FAILURE) and ok() is false.
class FreshDatabase {
 public:
  enum class Schema { kMigrated, kEmpty };

  explicit FreshDatabase(Schema schema = Schema::kMigrated);
  ~FreshDatabase();
  FreshDatabase(const FreshDatabase&) = delete;
  FreshDatabase& operator=(const FreshDatabase&) = delete;

  bool ok() const { return !uri_.empty(); }
  const std::string& name() const { return name_; }
  /// libpq URI (postgresql:///t_...?host=<socket dir>&port=5432&user=...).
  const std::string& uri() const { return uri_; }

 private:
  std::string name_;
  std::string uri_;
};

/// Fixture: each test gets a fresh migrated database.
class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  const std::string& uri() const { return database_->uri(); }
  const std::string& database_name() const { return database_->name(); }

 private:
  std::unique_ptr<FreshDatabase> database_;
};

}  // namespace cj::testing
