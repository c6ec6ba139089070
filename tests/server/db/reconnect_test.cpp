// A server outlives its database: while PostgreSQL is down requests get 503 at once (no hang),
// and when it is back the server works again without a restart of its own.
#include <thread>

#include <gtest/gtest.h>

#include "server/storage/private_cluster.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/ws_client.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

int healthz_within(unsigned short port, int want, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    status = http_get(port, "/healthz").status;
    if (status == want) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return status;
}

TEST(ServeAcrossADatabaseRestart, AnswersAgainOnceTheDatabaseIsBack) {
  TempDir root;
  storage::ClusterOptions options;
  options.data_dir = root.path() / "postgres";
  auto cluster = storage::PrivateCluster::start(options);
  ASSERT_TRUE(cluster.ok()) << cluster.error().to_string();
  const std::string uri = (*cluster)->connection_uri();
  ServerProcess server({"--database", uri, "--sweep-interval", "0"});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(http_get(server.port(), "/healthz").status, 200);

  ASSERT_TRUE((*cluster)->stop().ok());
  const auto asked = std::chrono::steady_clock::now();
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 503);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(6)) << "a request hung on the database";

  auto restarted = storage::PrivateCluster::start(options);
  ASSERT_TRUE(restarted.ok()) << restarted.error().to_string();
  EXPECT_EQ(healthz_within(server.port(), 200, std::chrono::seconds(15)), 200) << server.output();
  // The live feed's own connection comes back too.
  EXPECT_TRUE(wait_until_listening(server.port()));
  ASSERT_TRUE((*restarted)->stop().ok());
}

}  // namespace
}  // namespace cj::testing
