// /metrics on the main port needs a session with the admin or QA role (at any site): an
// anonymous request, a station and other roles are refused. The loopback-only --metrics-listen
// port serves it without a session, for a Prometheus scraper on the same machine, and nothing
// else; serve refuses a --metrics-listen address that is not loopback.
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_connection.h"
#include "tests/support/server_process.h"

namespace cj::testing {
namespace {

unsigned short metrics_port() {
  static const unsigned short port = free_loopback_port();
  return port;
}

class MetricsAccessTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    start_suite({"--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port())});
    add_site("metrics", "M0001");
    add_user("admin.metrics", {"admin@metrics"});
    add_user("qa.metrics", {"qa@metrics"});
    add_user("nurse.metrics", {"clinical@metrics"});
  }
};

TEST_F(MetricsAccessTest, AnAnonymousRequestForMetricsOnTheMainPortIsRefused) {
  const auto reply = http_get(port(), "/metrics");
  EXPECT_EQ(reply.status, 401) << reply.body;
  EXPECT_EQ(reply.body.find("celljourney_"), std::string::npos) << reply.body;
}

TEST_F(MetricsAccessTest, AdminsAndQaReadTheMetricsOtherRolesAndStationsDoNot) {
  for (const char* reader : {"admin.metrics", "qa.metrics"}) {
    const auto reply = log_in(reader).get("/metrics");
    EXPECT_EQ(reply.status, 200) << reader << ": " << reply.raw;
    EXPECT_NE(reply.raw.find("celljourney_http_requests_total"), std::string::npos) << reader;
  }
  const auto nurse = log_in("nurse.metrics").get("/metrics");
  EXPECT_EQ(nurse.status, 403) << nurse.raw;
  const auto station = anonymous().with_station_key(add_station("MX-01", "metrics")).get("/metrics");
  EXPECT_EQ(station.status, 403) << station.raw;
}

TEST_F(MetricsAccessTest, TheLoopbackMetricsPortServesMetricsWithoutASessionAndNothingElse) {
  const auto reply = http_get(metrics_port(), "/metrics");
  ASSERT_EQ(reply.status, 200) << reply.error << reply.body;
  EXPECT_EQ(reply.content_type, "text/plain; version=0.0.4");
  EXPECT_NE(reply.body.find("celljourney_deviations_open{severity=\"major\"}"), std::string::npos) << reply.body;
  EXPECT_EQ(http_get(metrics_port(), "/healthz").status, 404);
  EXPECT_EQ(http_get(metrics_port(), "/api/v1/sites").status, 404);
}

TEST(MetricsListen, ServeRefusesAMetricsAddressThatIsNotLoopback) {
  const auto run = run_celljourney({"serve", "--metrics-listen", "0.0.0.0:9464"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("loopback"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace cj::testing
