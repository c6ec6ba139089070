// `celljourney alerts ...` from the server's shell: the same checks and the same records as the
// API (a person's address, a site's relay with its password read from stdin, a rule).
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/command_input.h"
#include "tests/support/database_fixture.h"
#include "tests/support/server_process.h"

namespace cj::testing {
namespace {

class AlertsCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.ok());
    ASSERT_EQ(run({"site", "add", "--code", "cli-alerts", "--name", "CLI alerts", "--fin", "A9A20"}).exit_code, 0);
    ASSERT_EQ(run({"user", "add", "quincy", "--name", "Quincy", "--role", "qa@cli-alerts", "--password-stdin"},
                  "correct horse battery\n")
                  .exit_code,
              0);
  }
  std::vector<std::string> with_db(std::vector<std::string> args) {
    args.insert(args.end(), {"--database", db_.uri()});
    return args;
  }
  CommandResult run(std::vector<std::string> args) { return run_celljourney(with_db(std::move(args))); }
  CommandResult run(std::vector<std::string> args, const std::string& input) {
    return run_celljourney_with_input(with_db(std::move(args)), input);
  }
  std::string value(const std::string& statement) {
    pqxx::connection conn(db_.uri());
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec(statement);
    return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
  }
  FreshDatabase db_;
};

TEST_F(AlertsCommandTest, SetsAnAddressARelayWithItsPasswordFromStdinAndARule) {
  EXPECT_EQ(run({"alerts", "email", "quincy", "quincy@hospital.example"}).exit_code, 0);
  const auto site = run({"alerts", "site", "cli-alerts", "-"},
                        R"({"smtp_host": "smtp.hospital.example", "smtp_from": "cj@hospital.example",)"
                        R"( "smtp_user": "cj", "smtp_password": "relay password", "escalation_minutes": 15})");
  EXPECT_EQ(site.exit_code, 0) << site.output;
  const auto rule = run({"alerts", "rule", "cli-alerts", "near_miss", R"({"channels": ["email"], "roles": ["qa"]})"});
  EXPECT_EQ(rule.exit_code, 0) << rule.output;

  EXPECT_EQ(value("SELECT email FROM users WHERE username = 'quincy'"), "quincy@hospital.example");
  EXPECT_EQ(value("SELECT escalation_seconds FROM site_alerting"), "900");
  EXPECT_EQ(value("SELECT array_to_string(roles, ',') FROM alert_rules WHERE trigger = 'near_miss'"), "qa");
  // The log says the password was set, never what it is.
  EXPECT_EQ(value("SELECT details->>'smtp_password' FROM admin_log WHERE action = 'site.alerting'"), "set");
  EXPECT_EQ(value("SELECT count(*) FROM admin_log WHERE details::text LIKE '%relay password%'"), "0");
}

TEST_F(AlertsCommandTest, RefusesAnUnknownChannelNamingIt) {
  const auto rule = run({"alerts", "rule", "cli-alerts", "near_miss", R"({"channels": ["pager"]})"});
  EXPECT_EQ(rule.exit_code, 1);
  EXPECT_NE(rule.output.find("channels[0] must be email, webhook or browser"), std::string::npos) << rule.output;
  EXPECT_EQ(value("SELECT count(*) FROM alert_rules"), "0");
}

}  // namespace
}  // namespace cj::testing
