#include "tests/support/shared_cluster.h"

#include <signal.h>

#include <cerrno>
#include <fstream>
#include <map>

#include "server/storage/databases.h"
#include "server/storage/migrations.h"

namespace cj::testing {

storage::Status write_cluster_address(const std::filesystem::path& file, const ClusterAddress& address) {
  const std::filesystem::path temporary = file.string() + ".new";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "data_dir=" << address.data_dir.string() << "\nuser=" << address.user << "\nholder=" << address.holder
        << "\n";
    if (!out.flush()) return storage::Status::io_error("cannot write " + temporary.string());
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) return storage::Status::io_error("cannot rename " + temporary.string() + ": " + ec.message());
  return {};
}

storage::Result<ClusterAddress> read_cluster_address(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return storage::Status::not_found("no shared test cluster: " + file.string() +
                                      " is missing (ctest starts one with the test_cluster fixture)");
  }
  std::map<std::string, std::string> fields;
  for (std::string line; std::getline(in, line);) {
    const auto equals = line.find('=');
    if (equals != std::string::npos) fields[line.substr(0, equals)] = line.substr(equals + 1);
  }
  ClusterAddress address;
  address.data_dir = fields["data_dir"];
  address.user = fields["user"];
  try {
    address.holder = static_cast<pid_t>(std::stol(fields["holder"]));
  } catch (const std::exception&) {
    return storage::Status::invalid_argument(file.string() + " names no holder process");
  }
  if (address.data_dir.empty() || address.user.empty()) {
    return storage::Status::invalid_argument(file.string() + " lacks data_dir or user");
  }
  if (::kill(address.holder, 0) != 0 && errno == ESRCH) {
    return storage::Status::failed_precondition("the shared test cluster of " + file.string() + " is gone (holder " +
                                                std::to_string(address.holder) + " exited)");
  }
  return address;
}

storage::Status create_migrated_template(const std::string& admin_uri, const std::string& template_uri) {
  if (storage::Status created = storage::create_database(admin_uri, kMigratedTemplate); !created.ok()) return created;
  auto report = storage::migrate(template_uri);
  if (!report.ok()) return report.error().with_context("migrating the template database");
  return {};
}

}  // namespace cj::testing
