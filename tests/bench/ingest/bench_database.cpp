#include "tests/bench/ingest/bench_database.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include <pqxx/pqxx>

#include "server/storage/migrations.h"

namespace cj::bench {

namespace {

using storage::Status;

// An empty directory of ours; PrivateCluster takes it over (and, ephemeral, deletes it at stop).
storage::Result<std::filesystem::path> make_data_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/celljourney-ingest-XXXXXX";
  if (!mkdtemp(pattern.data())) return Status::io_error("cannot create a directory like " + pattern);
  return std::filesystem::path(pattern);
}

// Undoes the ephemeral cluster's speed settings: ALTER SYSTEM lands in postgresql.auto.conf,
// which is read after the celljourney.conf include, and all three take effect on reload.
void make_durable(const std::string& uri) {
  pqxx::connection conn(uri);
  pqxx::nontransaction tx(conn);
  tx.exec("ALTER SYSTEM SET fsync = on");
  tx.exec("ALTER SYSTEM SET full_page_writes = on");
  tx.exec("ALTER SYSTEM SET synchronous_commit = on");
  tx.exec("SELECT pg_reload_conf()");
}

}  // namespace

storage::Result<std::unique_ptr<BenchDatabase>> BenchDatabase::open(const std::string& uri) {
  std::unique_ptr<BenchDatabase> db(new BenchDatabase());
  if (uri.empty()) {
    auto dir = make_data_dir();
    if (!dir.ok()) return dir.error();
    storage::ClusterOptions options;
    options.data_dir = *dir;
    options.database = "ingest";
    options.ephemeral = true;
    auto cluster = storage::PrivateCluster::start(options);
    if (!cluster.ok()) return cluster.error();
    db->cluster_ = std::move(*cluster);
    db->uri_ = db->cluster_->connection_uri();
    make_durable(db->uri_);
  } else {
    db->uri_ = uri;
  }
  auto migrated = storage::migrate(db->uri_);
  if (!migrated.ok()) return migrated.error();
  return db;
}

BenchDatabase::~BenchDatabase() {
  if (cluster_) (void)cluster_->stop();
}

std::string BenchDatabase::durability() const {
  pqxx::connection conn(uri_);
  pqxx::read_transaction tx(conn);
  std::string text;
  for (const char* name : {"fsync", "synchronous_commit", "full_page_writes", "wal_sync_method"}) {
    text +=
        std::string(text.empty() ? "" : " ") + name + "=" + tx.exec1(std::string("SHOW ") + name)[0].as<std::string>();
  }
  return text;
}

std::string BenchDatabase::describe() const {
  if (cluster_) return "throwaway cluster in " + cluster_->data_dir().string();
  return "the database of --database";
}

}  // namespace cj::bench
