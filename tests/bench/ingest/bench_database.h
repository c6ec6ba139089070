// The database a run uses: a throwaway PostgreSQL cluster of our own (the default), or the one
// named by --database; migrated either way.
//
// The throwaway cluster is storage::PrivateCluster in ephemeral mode (its directory is deleted
// at the end, or by its watchdog when this program dies), but with the durability the tests
// switch off turned back on (fsync, full_page_writes, synchronous_commit): the figures must be
// those of a server whose acknowledged scans survive a power cut.
#pragma once

#include <memory>
#include <string>

#include "server/storage/private_cluster.h"
#include "server/storage/status.h"

namespace cj::bench {

class BenchDatabase {
 public:
  /// uri empty: starts a cluster under $TMPDIR (or /tmp). Errors: the cluster's or the migration's.
  static storage::Result<std::unique_ptr<BenchDatabase>> open(const std::string& uri);
  ~BenchDatabase();

  const std::string& uri() const { return uri_; }
  /// "fsync=on synchronous_commit=on full_page_writes=on wal_sync_method=fdatasync", as the
  /// server reports them.
  std::string durability() const;
  /// "throwaway cluster in /tmp/..." or "--database".
  std::string describe() const;

 private:
  BenchDatabase() = default;
  std::unique_ptr<storage::PrivateCluster> cluster_;
  std::string uri_;
};

}  // namespace cj::bench
