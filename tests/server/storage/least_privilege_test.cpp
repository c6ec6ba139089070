// The server's database role (migration 0011, server/db/login_role.h): it owns nothing, cannot
// change identity or anything append-only, and cannot become more than it is.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/db/login_role.h"
#include "tests/support/database_fixture.h"
#include "tests/support/server_process.h"

namespace cj::testing {
namespace {

class LeastPrivilegeTest : public DatabaseTest {
 protected:
  // Runs sql as celljourney_server; returns the error text, or "" when it ran.
  std::string as_server(const std::string& sql) {
    pqxx::connection conn(db::with_login_role(uri()));
    try {
      pqxx::work tx(conn);
      tx.exec(sql);
      tx.commit();
      return "";
    } catch (const std::exception& e) {
      return e.what();
    }
  }
};

bool denied(const std::string& error) { return error.find("permission denied") != std::string::npos; }

TEST_F(LeastPrivilegeTest, TheServerRoleIsNoSuperuserAndOwnsNothing) {
  pqxx::connection conn(db::with_login_role(uri()));
  pqxx::read_transaction tx(conn);
  const auto role = tx.exec1(
      "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles"
      " WHERE rolname = current_user");
  EXPECT_EQ(role[0].as<std::string>(), "celljourney_server");
  for (int i = 1; i <= 5; ++i) EXPECT_FALSE(role[i].as<bool>()) << role[i].name();
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = "
                     "current_user)")[0]
                .as<int>(),
            0);
}

TEST_F(LeastPrivilegeTest, TheServerRoleCannotSetRoleToTheOwnerOrASuperuser) {
  pqxx::connection owner(uri());
  const std::string owner_name = pqxx::read_transaction(owner).exec1("SELECT current_user")[0].as<std::string>();
  EXPECT_TRUE(denied(as_server("SET ROLE " + owner_name))) << owner_name;
  EXPECT_TRUE(denied(as_server("SET SESSION AUTHORIZATION " + owner_name))) << owner_name;
  // RESET ROLE leaves it what it logged in as.
  pqxx::connection conn(db::with_login_role(uri()));
  pqxx::work tx(conn);
  tx.exec("RESET ROLE");
  EXPECT_EQ(tx.exec1("SELECT current_user")[0].as<std::string>(), "celljourney_server");
}

TEST_F(LeastPrivilegeTest, TheServerRoleCannotChangeIdentity) {
  EXPECT_TRUE(denied(as_server("UPDATE patients SET mrn = 'X'")));
  EXPECT_TRUE(denied(as_server("UPDATE units SET din = 'A999926000000'")));
  EXPECT_TRUE(denied(as_server("UPDATE journeys SET patient_id = 1")));
  EXPECT_TRUE(denied(as_server("UPDATE journeys SET product = 'x'")));
  EXPECT_TRUE(denied(as_server("UPDATE deviations SET message = 'x'")));
  EXPECT_TRUE(denied(as_server("DELETE FROM journeys")));
  EXPECT_TRUE(denied(as_server("DELETE FROM patients")));
}

TEST_F(LeastPrivilegeTest, TheServerRoleCannotUpdateOrDeleteWhatIsAppendOnly) {
  for (const char* table : {"events", "journey_facts", "deviation_events", "signatures", "temperature_readings",
                            "admin_log", "checkpoints"}) {
    EXPECT_TRUE(denied(as_server(std::string("DELETE FROM ") + table))) << table;
    EXPECT_TRUE(denied(as_server(std::string("UPDATE ") + table + " SET id = DEFAULT"))) << table;
    EXPECT_TRUE(denied(as_server(std::string("TRUNCATE ") + table))) << table;
    EXPECT_TRUE(denied(as_server(std::string("ALTER TABLE ") + table + " DISABLE TRIGGER USER")) ||
                as_server(std::string("ALTER TABLE ") + table + " DISABLE TRIGGER USER").find("must be owner") !=
                    std::string::npos)
        << table;
  }
}

TEST_F(LeastPrivilegeTest, TheRunningServerConnectsAsTheServerRole) {
  ServerProcess server({"--database", uri()});
  ASSERT_TRUE(server.started()) << server.output();
  // The workers and the feed listener connect as the server starts; give them a moment.
  pqxx::connection owner(uri());
  pqxx::result rows;
  for (int i = 0; i < 50 && rows.empty(); ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::read_transaction tx(owner);
    rows = tx.exec_params(
        "SELECT usename, count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()"
        " AND backend_type = 'client backend' GROUP BY 1",
        database_name());
  }
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as<std::string>(), "celljourney_server");
}

}  // namespace
}  // namespace cj::testing
