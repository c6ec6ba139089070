#include "server/cli/database_options.h"

#include <boost/program_options/value_semantic.hpp>

#include "server/storage/cluster_supervisor.h"
#include "server/storage/private_cluster.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {

class ExternalDatabase final : public OpenDatabase {
 public:
  explicit ExternalDatabase(std::string uri) : uri_(std::move(uri)) {}
  const std::string& uri() const override { return uri_; }
  std::string describe() const override { return "PostgreSQL server given by --database"; }

 private:
  std::string uri_;
};

class PrivateDatabase final : public OpenDatabase {
 public:
  explicit PrivateDatabase(std::unique_ptr<storage::PrivateCluster> cluster)
      : cluster_(std::move(cluster)), uri_(cluster_->connection_uri()) {}
  ~PrivateDatabase() override {
    supervisor_.reset();  // before the stop, or it would start the cluster again
    (void)cluster_->stop();
  }
  void supervise() override {
    if (!supervisor_) supervisor_ = std::make_unique<storage::ClusterSupervisor>(*cluster_);
  }
  const std::string& uri() const override { return uri_; }
  std::string describe() const override {
    return std::string("private PostgreSQL cluster in ") + cluster_->data_dir().string() +
           (cluster_->ran_initdb() ? " (created now)" : "");
  }

 private:
  std::unique_ptr<storage::PrivateCluster> cluster_;
  std::unique_ptr<storage::ClusterSupervisor> supervisor_;
  std::string uri_;
};

}  // namespace

void add_database_options(po::options_description& options, DatabaseChoice& choice) {
  options.add_options()("database", po::value(&choice.url),
                        "PostgreSQL connection URI (postgresql://...); without it a private cluster is used")(
      "data-dir", po::value(&choice.data_dir)->default_value(choice.data_dir),
      "directory of the private PostgreSQL cluster (created on first use)");
}

std::unique_ptr<OpenDatabase> open_database(const DatabaseChoice& choice, std::string& error) {
  if (!choice.url.empty()) return std::make_unique<ExternalDatabase>(choice.url);
  storage::ClusterOptions options;
  options.data_dir = choice.data_dir;
  auto cluster = storage::PrivateCluster::start(options);
  if (!cluster.ok()) {
    error = cluster.error().message();
    return nullptr;
  }
  return std::make_unique<PrivateDatabase>(std::move(cluster).value());
}

}  // namespace cj::cli
