// A server killed with SIGKILL in the middle of a load, and started again on the same database:
// stations retrying with their idempotency keys get every scan recorded exactly once, and the
// hash chains stay intact (docs/performance.md; the long version is `celljourney-ingest --fault`).
//
// 4 clients post apheresis.collect scans for 3 s; 1.0-1.8 s in, the server is killed and
// restarted (on its port when it can be had, else on another one, which the clients follow).
// A scan without an answer, or with a 5xx, is sent again with the same body and key until it is
// answered (30 s at most). Then, in SQL: each acknowledged key has exactly one event, the one
// its answer named, and a stored answer; no key has two events; as many collection events
// as acknowledged scans; and `celljourney audit verify` exits 0.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <mutex>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/kymriah_site.h"
#include "tests/support/operator_proofs.h"
#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "server/rules/site_rules.h"
#include "server/storage/subprocess.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = kSeededPassword;
constexpr int kClients = 4;
constexpr auto kLoad = std::chrono::seconds(3);
constexpr auto kGiveUp = std::chrono::seconds(30);

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "2026-11-25T17:01:02Z", ago before now.
std::string utc_now(std::chrono::seconds ago = std::chrono::seconds(1)) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - ago);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// `celljourney serve` that can be killed with SIGKILL and started again. Its output goes to a
// file (a pipe nobody reads during the load would stop it: it logs every request).
class KillableServer {
 public:
  KillableServer(std::string uri, std::string log) : uri_(std::move(uri)), log_(std::move(log)) {}
  ~KillableServer() { stop(); }

  /// Starts on port (0: any) and waits up to 30 s for its URL; false when it did not come.
  bool start(unsigned short port) {
    const auto offset = read_file(log_).size();
    const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    storage::SpawnOptions options;
    options.output_fd = fd;
    options.parent_death_signal = SIGKILL;  // never outlives the test program
    auto pid = storage::spawn(
        {CELLJOURNEY_BIN, "serve", "--listen", "127.0.0.1", "--port", std::to_string(port), "--database", uri_},
        options);
    ::close(fd);
    if (!pid.ok()) return false;
    pid_ = *pid;
    const std::regex announce(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
      const std::string output = read_file(log_).substr(offset);
      std::smatch m;
      if (std::regex_search(output, m, announce)) {
        port_ = static_cast<unsigned short>(std::stoi(m[1]));
        return true;
      }
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill9();
    return false;
  }

  void kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 500; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill9();  // still there after 10 s
  }

  unsigned short port() const { return port_.load(); }
  const std::string& log() const { return log_; }

 private:
  std::string uri_;
  std::string log_;
  pid_t pid_ = -1;
  std::atomic<unsigned short> port_{0};
};

struct Acknowledged {
  std::string key;
  std::int64_t event_id = 0;
  Clock::time_point at;
};

class FaultTest : public ::testing::Test {
 protected:
  // A site with its rules, a coordinator and an apheresis nurse trained for Kymriah, a station.
  void seed() { station_key_ = seed_kymriah_site(database_.uri(), {"fault", "Fault site", "F0001", "AP-FAULT"}); }

  // A Kymriah journey with its bag registered and its order scanned; its COI.
  std::string new_journey(int n) {
    const std::string token = coordinator_token();
    if (nurse_token_.empty()) {
      // The nurse signs in at the station once: her token proves every scan of the run.
      auto signed_in = http_request(
          server_.port(), "POST", "/api/v1/operator-tokens",
          json::serialize(json::object{{"badge", badge_of("ann.fault")}, {"pin", kPin}, {"purpose", "shift"}}),
          "application/json", "Station " + station_key_);
      EXPECT_EQ(signed_in.status, 201) << signed_in.error << signed_in.body;
      if (signed_in.status == 201) nurse_token_ = json::parse(signed_in.body).at("token").as_string().c_str();
    }
    auto reply = http_request(
        server_.port(), "POST", "/api/v1/journeys",
        json::serialize(json::object{
            {"site", "fault"}, {"product", "kymriah"}, {"patient", json::object{{"mrn", mrn(n)}, {"initials", "JD"}}}}),
        "application/json", "Bearer " + token);
    EXPECT_EQ(reply.status, 201) << reply.error << reply.body;
    const std::string coi = json::parse(reply.body).at("coi").as_string().c_str();
    reply = http_request(server_.port(), "POST", "/api/v1/journeys/" + coi + "/units",
                         json::serialize(json::object{{"kind", "apheresis_bag"}, {"din", din(n)}}), "application/json",
                         "Bearer " + token);
    EXPECT_EQ(reply.status, 201) << reply.error << reply.body;
    // At the coordinator's desk: the session proves who ordered.
    const json::object order{{"step", "order"},
                             {"occurred_at", utc_now(std::chrono::hours(1))},
                             {"operators", json::array{"cora.fault"}},
                             {"scans", json::array{}},
                             {"data", json::object{{"order_reference", "PO-1"}}},
                             {"idempotency_key", "order-" + coi}};
    reply = http_request(server_.port(), "POST", "/api/v1/journeys/" + coi + "/events", json::serialize(order),
                         "application/json", "Bearer " + token);
    EXPECT_EQ(reply.status, 200) << reply.error << reply.body;
    return coi;
  }

  std::string coordinator_token() {
    auto reply = http_request(server_.port(), "POST", "/api/v1/session",
                              json::serialize(json::object{{"username", "cora.fault"}, {"password", kPassword}}));
    EXPECT_EQ(reply.status, 201) << reply.error << reply.body;
    return json::parse(reply.body).at("token").as_string().c_str();
  }

  // Built by appending: g++ 12 warns falsely (-Wrestrict) about "literal" + std::string here.
  static std::string din(int n) { return std::string("A99992690000").append(std::to_string(n)); }
  static std::string mrn(int n) { return std::string("MRN0000").append(std::to_string(n)); }

  std::string collect(const std::string& coi, int n, const std::string& key) const {
    return json::serialize(json::object{
        {"journey", coi},
        {"step", "apheresis.collect"},
        {"occurred_at", utc_now()},
        {"station", "AP-FAULT"},
        {"operators", json::array{"ann.fault"}},
        {"scans", json::array{std::string("=").append(din(n)).append("00"), std::string("&#0008").append(mrn(n))}},
        {"data", json::object{{"volume_ml", 250}}},
        {"proofs", json::array{json::object{{"operator", "ann.fault"}, {"token", nurse_token_}}}},
        {"idempotency_key", key}});
  }

  // One station's outbox: scans until load_end, each retried with its key until answered.
  void client(int n, const std::string& coi, Clock::time_point load_end, Clock::time_point give_up) {
    for (int i = 0; Clock::now() < load_end; ++i) {
      const std::string key = std::string("fault-").append(std::to_string(n)).append("-").append(std::to_string(i));
      const std::string body = collect(coi, n, key);
      HttpReply reply;
      auto backoff = std::chrono::milliseconds(20);
      for (;;) {
        reply =
            http_request(server_.port(), "POST", "/api/v1/scans", body, "application/json", "Station " + station_key_);
        if ((reply.status != 0 && reply.status < 500) || Clock::now() + backoff > give_up) break;
        retries_ += 1;
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(200));
      }
      std::lock_guard lock(mutex_);
      if (reply.status != 200) {
        failures_.push_back(key + ": HTTP " + std::to_string(reply.status) + " " + reply.error + reply.body);
        return;
      }
      acknowledged_.push_back({key, json::parse(reply.body).at("event_id").as_int64(), Clock::now()});
    }
  }

  std::string sql(const std::string& statement, const std::string& param = {}) {
    pqxx::connection conn(database_.uri());
    pqxx::read_transaction tx(conn);
    const auto rows = param.empty() ? tx.exec(statement) : tx.exec_params(statement, param);
    return rows.empty() || rows[0][0].is_null() ? std::string() : rows[0][0].as<std::string>();
  }

  FreshDatabase database_;
  TempDir logs_{"celljourney-fault-"};
  KillableServer server_{database_.uri(), (logs_.path() / "server.log").string()};
  std::string station_key_;
  std::string nurse_token_;  // ann.fault signed in at AP-FAULT
  std::mutex mutex_;
  std::vector<Acknowledged> acknowledged_;
  std::vector<std::string> failures_;
  std::atomic<int> retries_{0};
};

TEST_F(FaultTest, EveryAcknowledgedScanIsStoredExactlyOnceAfterTheServerIsKilledAndRestarted) {
  ASSERT_TRUE(database_.ok());
  seed();
  ASSERT_TRUE(server_.start(0)) << read_file(server_.log());
  std::vector<std::string> journeys;
  for (int n = 0; n < kClients; ++n) journeys.push_back(new_journey(n));
  ASSERT_FALSE(HasFailure());

  const auto start = Clock::now();
  std::vector<std::thread> clients;
  for (int n = 0; n < kClients; ++n) {
    clients.emplace_back([this, n, &journeys, start] { client(n, journeys[n], start + kLoad, start + kGiveUp); });
  }
  std::mt19937 rng{std::random_device{}()};
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(1000, 1800)(rng)));
  const unsigned short port = server_.port();
  server_.kill9();
  const auto restarted_at = Clock::now();
  // Its port, unless something took it meanwhile; then another (the clients read port()).
  const bool restarted = server_.start(port) || server_.start(0);
  for (auto& c : clients) c.join();

  ASSERT_TRUE(restarted) << read_file(server_.log());
  EXPECT_TRUE(failures_.empty()) << failures_.size() << " scans never acknowledged; first: " << failures_.front();
  ASSERT_FALSE(acknowledged_.empty());
  const auto after_restart = std::count_if(acknowledged_.begin(), acknowledged_.end(),
                                           [&](const Acknowledged& a) { return a.at > restarted_at; });
  EXPECT_GT(after_restart, 0) << "no scan was answered by the restarted server";

  json::array acked;
  for (const auto& a : acknowledged_) acked.push_back(json::object{{"key", a.key}, {"event_id", a.event_id}});
  // Per acknowledged key: its events (exactly one, the one its answer named) and stored answer.
  EXPECT_EQ(sql("WITH a AS (SELECT key, event_id FROM jsonb_to_recordset($1::jsonb) AS x(key text, event_id bigint))"
                " SELECT count(*) FILTER (WHERE n <> 1 OR first_id <> event_id OR NOT answered) FROM"
                " (SELECT a.key, a.event_id, count(e.id) AS n, min(e.id) AS first_id,"
                "  EXISTS (SELECT 1 FROM idempotency i WHERE i.key = a.key) AS answered"
                "  FROM a LEFT JOIN events e ON e.idempotency_key = a.key GROUP BY a.key, a.event_id) per_key",
                json::serialize(acked)),
            "0");
  EXPECT_EQ(sql("SELECT count(*) FROM (SELECT idempotency_key FROM events WHERE idempotency_key IS NOT NULL"
                " GROUP BY 1 HAVING count(*) > 1) twice"),
            "0");
  // Every scan was acknowledged, so nothing else may have been recorded either.
  EXPECT_EQ(sql("SELECT count(*) FROM events WHERE step = 'apheresis.collect'"), std::to_string(acknowledged_.size()));

  const auto audit = run_celljourney({"audit", "verify", "--database", database_.uri()}, std::chrono::seconds(60));
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
  server_.stop();
  std::cout << "[ fault    ] " << acknowledged_.size() << " scans acknowledged (" << after_restart
            << " after the restart), " << retries_.load() << " retries, restarted on "
            << (server_.port() == port ? "the same port" : "another port") << "\n";
}

}  // namespace
}  // namespace cj::testing
