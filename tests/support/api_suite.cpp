#include "tests/support/api_suite.h"

#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {

std::unique_ptr<FreshDatabase> ApiSuite::database_;
std::unique_ptr<ServerProcess> ApiSuite::server_;

void ApiSuite::start_suite(const std::vector<std::string>& extra_serve_args) {
  database_ = std::make_unique<FreshDatabase>();
  if (!database_->ok()) return;
  std::vector<std::string> args{"--database", database_->uri()};
  args.insert(args.end(), extra_serve_args.begin(), extra_serve_args.end());
  server_ = std::make_unique<ServerProcess>(args);
}

void ApiSuite::TearDownTestSuite() {
  server_.reset();
  database_.reset();
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
  admin::create_user(tx, user, "test");
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
