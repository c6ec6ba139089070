// The administration commands: site add, user add, station add, qualification add.
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/api_client.h"
#include "tests/support/command_input.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class AdminCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.ok());
    auto site = run({"site", "add", "--code", "city-hospital", "--name", "City Hospital", "--fin", "A9999"});
    ASSERT_EQ(site.exit_code, 0) << site.output;
  }
  std::vector<std::string> with_db(std::vector<std::string> args) {
    args.insert(args.end(), {"--database", db_.uri()});
    return args;
  }
  CommandResult run(std::vector<std::string> args) { return run_celljourney(with_db(std::move(args))); }
  CommandResult run(std::vector<std::string> args, const std::string& input) {
    return run_celljourney_with_input(with_db(std::move(args)), input);
  }

  FreshDatabase db_;
};

TEST_F(AdminCliTest, TheFirstAdministratorAddedOnTheCommandLineCanLogInOverHttp) {
  auto added = run({"user", "add", "ada", "--name", "Ada Admin", "--role", "admin@city-hospital", "--role",
                    "qa@city-hospital", "--password-stdin"},
                   "first admin password\n");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_EQ(added.output.find("first admin password"), std::string::npos);

  ServerProcess server({"--database", db_.uri()});
  ASSERT_TRUE(server.started());
  auto ada = ApiClient(server.port()).logged_in("ada", "first admin password");
  auto me = ada.get("/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body.at("user").at("roles"), (json::array{json::object{{"site", "city-hospital"}, {"role", "admin"}},
                                                         json::object{{"site", "city-hospital"}, {"role", "qa"}}}));
}

TEST_F(AdminCliTest, UserAddRefusesAShortPassword) {
  auto added =
      run({"user", "add", "bea", "--name", "Bea", "--role", "qa@city-hospital", "--password-stdin"}, "short\n");
  EXPECT_EQ(added.exit_code, 1) << added.output;
  EXPECT_NE(added.output.find("at least 12 characters"), std::string::npos) << added.output;
}

TEST_F(AdminCliTest, UserAddRefusesAWeakPasswordWithLibpwqualitysReason) {
  for (const char* weak : {"123456789012", "password1234"}) {
    auto added = run({"user", "add", "bea", "--name", "Bea", "--role", "qa@city-hospital", "--password-stdin"},
                     std::string(weak) + "\n");
    EXPECT_EQ(added.exit_code, 1) << added.output;
    EXPECT_NE(added.output.find("fails the dictionary check"), std::string::npos) << added.output;
  }
}

TEST_F(AdminCliTest, UserAddWithoutATerminalOrPasswordStdinRefuses) {
  auto added = run({"user", "add", "cid", "--name", "Cid", "--role", "qa@city-hospital"}, "");
  EXPECT_EQ(added.exit_code, 1) << added.output;
  EXPECT_NE(added.output.find("--password-stdin"), std::string::npos) << added.output;
}

TEST_F(AdminCliTest, UserAddRefusesAnUnknownRoleOrSite) {
  auto bad_role = run({"user", "add", "dan", "--name", "Dan", "--role", "surgeon@city-hospital", "--password-stdin"},
                      "long enough password\n");
  EXPECT_EQ(bad_role.exit_code, 2) << bad_role.output;
  auto bad_site = run({"user", "add", "dan", "--name", "Dan", "--role", "qa@nowhere", "--password-stdin"},
                      "long enough password\n");
  EXPECT_EQ(bad_site.exit_code, 1) << bad_site.output;
  EXPECT_NE(bad_site.output.find("no site 'nowhere'"), std::string::npos) << bad_site.output;
}

TEST_F(AdminCliTest, SiteAddRefusesADuplicate) {
  auto again = run({"site", "add", "--code", "city-hospital", "--name", "Again", "--fin", "A9998"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.output.find("exists already"), std::string::npos) << again.output;
}

TEST_F(AdminCliTest, StationAddPrintsAKeyThatAuthenticatesTheStation) {
  auto added = run({"station", "add", "CL-01", "--site", "city-hospital", "--name", "Cell lab bench 1"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  auto output = added.output;
  while (!output.empty() && output.back() == '\n') output.pop_back();
  const auto key = output.substr(output.rfind('\n') + 1);
  ASSERT_EQ(key.size(), 43u) << added.output;

  ServerProcess server({"--database", db_.uri()});
  ASSERT_TRUE(server.started());
  auto me = ApiClient(server.port()).with_station_key(key).get("/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body.at("station").at("code"), "CL-01");
}

TEST_F(AdminCliTest, QualificationAddRecordsTheTraining) {
  ASSERT_EQ(run({"user", "add", "eve", "--name", "Eve", "--role", "cell_lab@city-hospital", "--password-stdin"},
                "long enough password\n")
                .exit_code,
            0);
  auto added = run({"qualification", "add", "eve", "kymriah", "--from", "2026-01-15", "--until", "2027-01-15"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  auto bad = run({"qualification", "add", "eve", "kymriah", "--from", "15.01.2026"});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  auto nobody = run({"qualification", "add", "nobody", "kymriah", "--from", "2026-01-15"});
  EXPECT_EQ(nobody.exit_code, 1) << nobody.output;
}

TEST_F(AdminCliTest, SiteSetChangesTheIdleTimeoutAndRefusesOutOfRangeOrUnknownSites) {
  auto set = run({"site", "set", "city-hospital", "--session-idle-minutes", "25"});
  ASSERT_EQ(set.exit_code, 0) << set.output;
  EXPECT_NE(set.output.find("25 minutes"), std::string::npos) << set.output;
  auto too_long = run({"site", "set", "city-hospital", "--session-idle-minutes", "721"});
  EXPECT_EQ(too_long.exit_code, 1) << too_long.output;
  EXPECT_NE(too_long.output.find("from 1 to 720"), std::string::npos) << too_long.output;
  auto unknown = run({"site", "set", "nowhere", "--session-idle-minutes", "10"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
  EXPECT_EQ(run({"site", "set", "city-hospital"}).exit_code, 2) << "a change that changes nothing is a usage error";
  const auto zoned = run({"site", "set", "city-hospital", "--time-zone", "Europe/Vienna"});
  EXPECT_EQ(zoned.exit_code, 0) << zoned.output;
  EXPECT_NE(zoned.output.find("Europe/Vienna"), std::string::npos) << zoned.output;
  EXPECT_EQ(run({"site", "set", "city-hospital", "--time-zone", "Atlantis/Capital"}).exit_code, 1);
  pqxx::connection conn(db_.uri());
  pqxx::read_transaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT session_idle_minutes FROM sites WHERE code = 'city-hospital'")[0].as<int>(), 25);
}

TEST_F(AdminCliTest, ChangesFromTheCommandLineAreLoggedAsCli) {
  ASSERT_EQ(run({"station", "add", "CL-09", "--site", "city-hospital", "--name", "Nine"}).exit_code, 0);
  pqxx::connection conn(db_.uri());
  pqxx::read_transaction tx(conn);
  const auto actor = tx.exec1("SELECT actor FROM admin_log WHERE action = 'station.create'")[0].as<std::string>();
  EXPECT_EQ(actor.rfind("cli:", 0), 0u) << actor;
}

}  // namespace
}  // namespace cj::testing
