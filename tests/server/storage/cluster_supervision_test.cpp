// The private cluster is supervised: when its postmaster is killed (kill -9) under a running
// `celljourney serve`, the server starts PostgreSQL again by itself (crash recovery), its
// workers reconnect, and a station's scan, retried with its idempotency key while the database
// is down, is recorded once it is back.
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "server/rules/site_rules.h"
#include "server/storage/databases.h"
#include "tests/support/http_client.h"
#include "tests/support/kymriah_site.h"
#include "tests/support/operator_proofs.h"
#include "tests/support/logged_server.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace json = boost::json;

constexpr const char* kPassword = kSeededPassword;

// "2026-11-25T17:01:02Z", ago before now.
std::string utc_now(std::chrono::seconds ago) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - ago);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

pid_t postmaster_of(const std::filesystem::path& data_dir) {
  std::ifstream in(data_dir / "postmaster.pid");
  pid_t pid = 0;
  in >> pid;
  return pid;
}

// The site, its rules, a coordinator and an apheresis nurse trained for Kymriah, a station.
std::string seed(const std::string& uri) {
  return seed_kymriah_site(uri, {"super", "Supervised site", "S0009", "AP-SUPER"});
}

TEST(ClusterSupervisionTest, PostgresKilledUnderARunningServerIsRestartedAndTheNextScanIsRecorded) {
  TempDir root;
  const auto data_dir = root.path() / "postgres";
  LoggedServer server(root.path() / "serve.log", {"--data-dir", data_dir.string(), "--sweep-interval", "0"});
  ASSERT_TRUE(server.started()) << server.log();
  const auto port = server.port();
  const std::string user = ::geteuid() == 0 ? "postgres" : ::getpwuid(::geteuid())->pw_name;
  const std::string station = "Station " + seed(storage::socket_uri(data_dir, user, "celljourney"));

  // A journey with its bag and order, all before the kill.
  auto reply = http_request(port, "POST", "/api/v1/session",
                            json::serialize(json::object{{"username", "cora.super"}, {"password", kPassword}}));
  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string coordinator = "Bearer " + std::string(json::parse(reply.body).at("token").as_string());
  reply =
      http_request(port, "POST", "/api/v1/journeys",
                   json::serialize(json::object{{"site", "super"},
                                                {"product", "kymriah"},
                                                {"patient", json::object{{"mrn", "MRN00091"}, {"initials", "JD"}}}}),
                   "application/json", coordinator);
  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string coi(json::parse(reply.body).at("coi").as_string());
  const std::string din = "A999926900091";
  reply = http_request(port, "POST", "/api/v1/journeys/" + coi + "/units",
                       json::serialize(json::object{{"kind", "apheresis_bag"}, {"din", din}}), "application/json",
                       coordinator);
  ASSERT_EQ(reply.status, 201) << reply.body;
  reply = http_request(port, "POST", "/api/v1/journeys/" + coi + "/events",
                       json::serialize(json::object{{"step", "order"},
                                                    {"occurred_at", utc_now(1h)},
                                                    {"operators", json::array{"cora.super"}},
                                                    {"scans", json::array{}},
                                                    {"data", json::object{{"order_reference", "PO-1"}}},
                                                    {"idempotency_key", "super-order"}}),
                       "application/json", coordinator);
  ASSERT_EQ(reply.status, 200) << reply.body;
  // The nurse signs in at the station before the database goes down.
  reply =
      http_request(port, "POST", "/api/v1/operator-tokens",
                   json::serialize(json::object{{"badge", badge_of("ann.super")}, {"pin", kPin}, {"purpose", "shift"}}),
                   "application/json", station);
  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string nurse_token(json::parse(reply.body).at("token").as_string());

  const pid_t killed = postmaster_of(data_dir);
  ASSERT_GT(killed, 0);
  ASSERT_EQ(::kill(killed, SIGKILL), 0);

  // The station's outbox: the same scan with the same key until it is answered.
  const std::string collect = json::serialize(
      json::object{{"journey", coi},
                   {"step", "apheresis.collect"},
                   {"occurred_at", utc_now(1s)},
                   {"station", "AP-SUPER"},
                   {"operators", json::array{"ann.super"}},
                   {"scans", json::array{"=" + din + "00", "&#0008MRN00091"}},
                   {"data", json::object{{"volume_ml", 250}}},
                   {"proofs", json::array{json::object{{"operator", "ann.super"}, {"token", nurse_token}}}},
                   {"idempotency_key", "super-collect"}});
  int unavailable = 0;
  const auto deadline = Clock::now() + 60s;
  for (;;) {
    reply = http_request(port, "POST", "/api/v1/scans", collect, "application/json", station);
    if ((reply.status != 0 && reply.status < 500) || Clock::now() > deadline) break;
    EXPECT_TRUE(reply.status == 0 || reply.status == 503) << reply.status << " " << reply.body;
    ++unavailable;
    std::this_thread::sleep_for(200ms);
  }
  ASSERT_EQ(reply.status, 200) << reply.body << "\n" << server.log();
  EXPECT_EQ(json::parse(reply.body).at("decision"), "accepted") << reply.body;
  EXPECT_NE(postmaster_of(data_dir), killed) << "a new postmaster";
  // The supervisor logs once its restart has returned, which may be just after the first scan
  // the new postmaster answered.
  for (const auto logged_by = Clock::now() + 5s;
       server.log().find("is running again") == std::string::npos && Clock::now() < logged_by;) {
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_NE(server.log().find("is running again"), std::string::npos) << server.log();
  EXPECT_EQ(http_get(port, "/healthz").status, 200);
  std::cout << "scan answered after " << unavailable << " answers of 503 while PostgreSQL was down\n";
}

}  // namespace
}  // namespace cj::testing
