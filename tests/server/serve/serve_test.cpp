// `celljourney serve` end to end: a real process, a real PostgreSQL, a real HTTP client.
#include <filesystem>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/storage/migrations.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_connection.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

json::object body_of(const HttpReply& reply) {
  boost::system::error_code ec;
  auto value = json::parse(reply.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << reply.body;
  return value.is_object() ? value.as_object() : json::object{};
}

TEST(ServeOnPrivateCluster, AnswersHealthzOnItsOwnClusterAndStopsItOnSigterm) {
  TempDir root;
  const auto data_dir = root.path() / "postgres";
  {
    ServerProcess server({"--data-dir", data_dir.string()});
    ASSERT_TRUE(server.started());
    EXPECT_NE(server.output().find("created now"), std::string::npos) << server.output();
    auto reply = http_get(server.port(), "/healthz");
    ASSERT_EQ(reply.status, 200) << reply.error << reply.body;
    EXPECT_EQ(reply.content_type, "application/json");
    auto body = body_of(reply);
    EXPECT_EQ(body["status"], "ok");
    EXPECT_EQ(body["database"].at("reachable"), true);
    EXPECT_EQ(body["database"].at("schema_version"), storage::latest_known_version());
    // Least privilege: the server's connections cannot UPDATE or DELETE the journal.
    EXPECT_EQ(body["database"].at("role"), "celljourney_server");
    EXPECT_EQ(server.stop(), 0) << server.output();
  }
  // The database stopped with the server.
  EXPECT_FALSE(std::filesystem::exists(data_dir / "postmaster.pid"));
}

TEST(ServeOnPrivateCluster, ReusesTheClusterOnTheNextStart) {
  TempDir root;
  const auto data_dir = root.path() / "postgres";
  {
    ServerProcess first({"--data-dir", data_dir.string()});
    ASSERT_TRUE(first.started());
    ASSERT_EQ(first.stop(), 0) << first.output();
  }
  ServerProcess second({"--data-dir", data_dir.string()});
  ASSERT_TRUE(second.started());
  EXPECT_EQ(second.output().find("created now"), std::string::npos) << second.output();
  EXPECT_EQ(http_get(second.port(), "/healthz").status, 200);
}

TEST(Serve, HealthzIs503WhenTheDatabaseIsGone) {
  FreshDatabase db;
  ASSERT_TRUE(db.ok());
  ServerProcess server({"--database", db.uri()});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(http_get(server.port(), "/healthz").status, 200);

  ASSERT_TRUE(cluster().drop_database(db.name()).ok());

  auto reply = http_get(server.port(), "/healthz");
  EXPECT_EQ(reply.status, 503) << reply.body;
  auto body = body_of(reply);
  EXPECT_EQ(body["status"], "unavailable");
  EXPECT_EQ(body["database"].at("reachable"), false);
}

TEST(Serve, VersionNamesTheProgramApiAndSchema) {
  FreshDatabase db;
  ServerProcess server({"--database", db.uri()});
  ASSERT_TRUE(server.started());
  auto reply = http_get(server.port(), "/api/v1/version");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = body_of(reply);
  EXPECT_EQ(body["name"], "celljourney");
  EXPECT_EQ(body["api"], "v1");
  EXPECT_EQ(body["version"], CELLJOURNEY_VERSION);
  EXPECT_EQ(body["schema_version"], storage::latest_known_version());
}

TEST(Serve, UnknownPathIs404WithAJsonError) {
  FreshDatabase db;
  ServerProcess server({"--database", db.uri()});
  ASSERT_TRUE(server.started());
  auto reply = http_get(server.port(), "/api/v1/nothing-here");
  EXPECT_EQ(reply.status, 404);
  auto body = body_of(reply);
  EXPECT_EQ(body["error"].at("code"), "NOT_FOUND");
}

TEST(Serve, PostToHealthzIs405) {
  FreshDatabase db;
  ServerProcess server({"--database", db.uri()});
  ASSERT_TRUE(server.started());
  auto reply = http_request(server.port(), "POST", "/healthz", "{}");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(body_of(reply)["error"].at("code"), "METHOD_NOT_ALLOWED");
}

TEST(Serve, GarbageOnTheWireGets400AndTheServerStaysUp) {
  FreshDatabase db;
  ServerProcess server({"--database", db.uri()});
  ASSERT_TRUE(server.started());
  const std::string answer = raw_exchange(server.port(), "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_NE(answer.find("400"), std::string::npos) << answer;
  EXPECT_NE(answer.find("BAD_REQUEST"), std::string::npos) << answer;
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
}

TEST(Serve, ABodyOverOneMebibyteIsRefusedWith413) {
  FreshDatabase db;
  ServerProcess server({"--database", db.uri()});
  ASSERT_TRUE(server.started());
  auto reply = http_request(server.port(), "POST", "/healthz", std::string(2 * 1024 * 1024, 'x'));
  EXPECT_EQ(reply.status, 413) << reply.error;
}

TEST(Serve, MigratesAnEmptyDatabaseAtStart) {
  FreshDatabase db(FreshDatabase::Schema::kEmpty);
  ServerProcess server({"--database", db.uri()});
  ASSERT_TRUE(server.started());
  pqxx::connection conn(db.uri());
  pqxx::read_transaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT max(version) FROM schema_migrations")[0].as<int>(), storage::latest_known_version());
}

TEST(Serve, RefusesToStartWhenTheDatabaseCannotBeReached) {
  TempDir nowhere;
  auto run = run_celljourney({"serve", "--port", "0", "--database", "postgresql:///x?host=" + nowhere.path().string()},
                             std::chrono::seconds(30));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("cannot"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace cj::testing

namespace cj::testing {
namespace {

TEST(Serve, MetricsAreExposedInPrometheusTextOnTheMetricsPort) {
  FreshDatabase db;
  const auto metrics_port = free_loopback_port();
  ServerProcess server({"--database", db.uri(), "--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port)});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(http_get(server.port(), "/healthz").status, 200);
  auto reply = http_get(metrics_port, "/metrics");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "text/plain; version=0.0.4");
  // The /healthz answer above is counted, and the pool and feed report their state.
  EXPECT_NE(reply.body.find("celljourney_http_requests_total{code=\"2xx\"} 1"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("celljourney_http_request_duration_seconds_count 1"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("celljourney_db_workers 4"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("celljourney_feed_subscribers 0"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("celljourney_deviations_open{severity=\"major\"} 0"), std::string::npos) << reply.body;
}

}  // namespace
}  // namespace cj::testing
