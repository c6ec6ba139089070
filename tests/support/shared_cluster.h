// The shared test cluster: one PostgreSQL cluster for a whole ctest run, so that every test can
// run as a process of its own (gtest_discover_tests) without starting PostgreSQL each time.
//
// ctest runs `test_cluster start FILE` first (fixture test_cluster, tests/CMakeLists.txt): it
// starts a holder process that owns an ephemeral storage::PrivateCluster with the migrated
// template database, writes the cluster's address to FILE and returns once the cluster accepts
// connections. Test programs find FILE through CELLJOURNEY_TEST_CLUSTER. `test_cluster stop FILE`
// runs last and stops the holder. The holder also stops by itself when the process that ran
// `start` (ctest) is gone, so an interrupted run leaves no server behind.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "server/storage/status.h"

namespace cj::testing {

/// The template database every test cluster has, migrated with the embedded migrations.
inline constexpr const char* kMigratedTemplate = "cj_template_migrated";

/// Where a shared cluster is and who holds it: the address file's contents.
struct ClusterAddress {
  std::filesystem::path data_dir;  // also its socket directory
  std::string user;                // the superuser role
  pid_t holder = 0;                // the holder process
};

/// Writes `address` to `file` atomically (a temporary file renamed over it).
storage::Status write_cluster_address(const std::filesystem::path& file, const ClusterAddress& address);
/// Reads an address file; kNotFound when there is none, kFailedPrecondition when its holder is gone.
storage::Result<ClusterAddress> read_cluster_address(const std::filesystem::path& file);

/// Creates kMigratedTemplate on the cluster behind admin_uri and migrates it.
storage::Status create_migrated_template(const std::string& admin_uri, const std::string& template_uri);

}  // namespace cj::testing
