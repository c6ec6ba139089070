// Out of file descriptors, the server waits instead of spinning: `celljourney serve` under
// `ulimit -n 64` is sent 150 idle connections, more than it can hold. While they are open its
// accept loop backs off (50 ms doubling to 1 s) and says so once a second at most; when they
// close, /healthz answers again within a few seconds, and the log holds a handful of lines
// (before this, the loop logged each failed accept: ~30 MB/s).
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/database_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/logged_server.h"
#include "tests/support/raw_connection.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(FileLimitTest, OutOfFileDescriptorsTheAcceptLoopBacksOffLogsLittleAndRecovers) {
  FreshDatabase database;
  ASSERT_TRUE(database.ok());
  TempDir dir;
  // The shell lowers both limits, soft and hard, so that the server cannot raise its own.
  LoggedServer server(dir.path() / "serve.log",
                      {"--database", database.uri(), "--threads", "1", "--db-workers", "1", "--sweep-interval", "0",
                       "--max-connections-per-address", "1000", "--unauthenticated-timeout", "60"},
                      "ulimit -n 64");
  ASSERT_TRUE(server.started()) << server.log();
  const auto port = server.port();
  ASSERT_EQ(http_get(port, "/healthz").status, 200) << server.log();  // its database connection is open

  {
    std::vector<RawConnection> flood;
    for (int i = 0; i < 150; ++i) flood.emplace_back(port);  // the kernel's backlog takes what it cannot
    std::this_thread::sleep_for(3s);
    const std::string during = server.log();
    EXPECT_GE(count_occurrences(during, "accept failed: Too many open files"), 1u) << "it never ran out";
    EXPECT_LE(count_occurrences(during, "accept failed"), 6u) << during;  // 3 s: one a second, and the first
  }

  const auto closed_at = Clock::now();
  int status = 0;
  while (Clock::now() - closed_at < 10s && (status = http_get(port, "/healthz").status) != 200) {
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(status, 200);
  EXPECT_LT(Clock::now() - closed_at, 5s);
  const std::string after = server.log();
  EXPECT_LE(count_occurrences(after, "accept failed"), 12u);
  EXPECT_LT(after.size(), 64u * 1024) << "the log grew to " << after.size() << " bytes";
}

}  // namespace
}  // namespace cj::testing
