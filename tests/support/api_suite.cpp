#include "tests/support/api_suite.h"

#include <algorithm>

#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "server/auth/operator_credentials.h"
#include "server/passport/signing_key.h"
#include "tests/support/operator_proofs.h"
#include "tests/support/temp_dir.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {

std::unique_ptr<FreshDatabase> ApiSuite::database_;
std::unique_ptr<ServerProcess> ApiSuite::server_;
std::unique_ptr<TempDir> ApiSuite::key_dir_;

void ApiSuite::start_suite(const std::vector<std::string>& extra_serve_args) {
  database_ = std::make_unique<FreshDatabase>();
  if (!database_->ok()) return;
  std::vector<std::string> args{"--database", database_->uri()};
  args.insert(args.end(), extra_serve_args.begin(), extra_serve_args.end());
  // A centre key, so that stations can seal operators' proofs (tests/support/operator_proofs.h);
  // without checkpoints unless the suite asks (they would add rows the audit suites count).
  if (std::find(args.begin(), args.end(), "--centre-key-file") == args.end()) {
    key_dir_ = std::make_unique<TempDir>("celljourney-centre-");
    const auto key_file = key_dir_->path() / "centre.key";
    (void)passport::write_key_file(key_file, passport::SigningKey::generate());
    args.insert(args.end(), {"--centre-key-file", key_file.string()});
    if (std::find(args.begin(), args.end(), "--checkpoint-interval") == args.end()) {
      args.insert(args.end(), {"--checkpoint-interval", "0"});
    }
  }
  server_ = std::make_unique<ServerProcess>(args);
}

std::vector<std::string> ApiSuite::centre_key_args() {
  if (!key_dir_) return {};
  return {"--centre-key-file", (key_dir_->path() / "centre.key").string(), "--checkpoint-interval", "0"};
}

void ApiSuite::TearDownTestSuite() {
  server_.reset();
  database_.reset();
  key_dir_.reset();
}

void ApiSuite::SetUp() {
  if (!server_ || !server_->started()) GTEST_FAIL() << "the suite's server did not start";
}

unsigned short ApiSuite::port() { return server_->port(); }
const std::string& ApiSuite::uri() { return database_->uri(); }

void ApiSuite::add_site(const std::string& code, const std::string& fin) {
  pqxx::connection conn(uri());
  pqxx::work tx(conn);
  admin::create_site(tx, {code, "Site " + code, fin}, "test");
  tx.commit();
}

void ApiSuite::add_user(const std::string& username, const std::vector<std::string>& roles,
                        const std::string& password) {
  admin::NewUser user{username, "Test " + username, password, {}};
  for (const auto& r : roles) user.roles.push_back(admin::parse_role_at_site(r, "role"));
  pqxx::connection conn(uri());
  pqxx::work tx(conn);
  const auto id = admin::create_user(tx, user, "test");
  auth::set_badge(tx, id, username, badge_of(username), "test");
  auth::set_pin(tx, id, username, kPin, "test");
  tx.commit();
}

std::string ApiSuite::add_station(const std::string& code, const std::string& site) {
  pqxx::connection conn(uri());
  pqxx::work tx(conn);
  auto key = admin::create_station(tx, {code, site, "Station " + code}, "test");
  tx.commit();
  return key;
}

namespace {
std::string first_value(const pqxx::result& result) {
  if (result.empty() || result[0].empty() || result[0][0].is_null()) return {};
  return result[0][0].as<std::string>();
}
}  // namespace

std::string ApiSuite::sql(const std::string& statement) {
  pqxx::connection conn(uri());
  pqxx::work tx(conn);
  const auto result = tx.exec(statement);
  tx.commit();
  return first_value(result);
}

std::string ApiSuite::sql(const std::string& statement, const std::string& param) {
  pqxx::connection conn(uri());
  pqxx::work tx(conn);
  const auto result = tx.exec_params(statement, param);
  tx.commit();
  return first_value(result);
}

}  // namespace cj::testing
