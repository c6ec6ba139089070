// Integration-test support: the PostgreSQL cluster the tests run on, and a fresh database per
// test.
//
//   TEST_F(DatabaseTest, ...) { pqxx::connection c{uri()}; ... }   // migrated, dropped after
//   FreshDatabase db{FreshDatabase::Schema::kEmpty};                // nothing in it
//   ServerProcess server({"--database", FreshDatabase().uri()});   // a server on it
//
// Which cluster: under ctest, the one the `test_cluster` fixture holds for the whole run
// (tests/support/shared_cluster.h; CELLJOURNEY_TEST_CLUSTER names its address file), so that
// each test can be a process of its own without starting PostgreSQL again. Run by hand without
// that variable, a test program starts an ephemeral cluster of its own (ClusterEnvironment,
// registered by integration_main.cpp), whose watchdog stops it and deletes its directory even
// when the program crashes or is killed.
//
// Thread-safety: cluster() and FreshDatabase may be used from any thread once the environment
// is set up.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "server/storage/status.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {

/// Sets the program's cluster up in SetUp (attaches to the shared one, or starts its own; a
/// fatal failure there skips every test) and stops its own in TearDown. Register exactly one,
/// before RUN_ALL_TESTS().
class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

/// The cluster the tests use, whoever owns it: reached through its Unix socket as superuser.
class TestCluster {
 public:
  TestCluster(std::filesystem::path data_dir, std::string user);

  /// libpq URI of a database of the cluster (postgresql:///<db>?host=<socket dir>&port=5432&user=...).
  std::string connection_uri(const std::string& database) const;
  /// connection_uri("celljourney"), the database every test cluster has.
  std::string connection_uri() const;
  const std::filesystem::path& data_dir() const { return data_dir_; }
  /// Where the Unix socket lives: the data directory, as for every private cluster.
  const std::filesystem::path& socket_dir() const { return data_dir_; }
  /// The superuser role ("postgres" when the tests run as root).
  const std::string& user() const { return user_; }

  /// As storage::create_database / drop_database on this cluster.
  storage::Status create_database(const std::string& name, const std::string& template_database = {});
  storage::Status drop_database(const std::string& name);

 private:
  std::filesystem::path data_dir_;
  std::string user_;
};

/// The program's cluster. REQUIRES: ClusterEnvironment is set up (aborts the program otherwise).
TestCluster& cluster();

/// A database of its own on the program's cluster, named t_<random>, dropped (WITH FORCE) on
/// destruction. kMigrated copies a template migrated once per cluster with the embedded
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
