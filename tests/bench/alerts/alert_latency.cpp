// celljourney-bench-alerts: how long from the commit of a critical deviation to its email in a
// real SMTP server (aiosmtpd, tests/support/smtp_sink.py, which stamps each message with the
// time it accepted it). A real `celljourney serve` on its own PostgreSQL delivers; the events
// are appended through the journal's append path (journal::append_event, the scans' path).
//
//   build/bin/celljourney-bench-alerts [--gtest_filter=...]     (CELLJOURNEY_BENCH_N: default 50)
//
// Two runs: one alert at a time (the next after the last arrived: the idle latency), and a burst
// of N committed back to back (what a ward sees when many things go wrong at once). Prints
// p50 / p95 / max in milliseconds. Not a test: the figures are read, not asserted.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/alert_sinks.h"
#include "tests/support/api_suite.h"
#include "tests/support/journal_seed.h"
#include "tests/support/raw_connection.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int bench_n() {
  const char* n = std::getenv("CELLJOURNEY_BENCH_N");
  return n && *n ? std::max(1, std::atoi(n)) : 50;
}

// RECEIVED-NS of a message, and the COI of its subject.
std::pair<std::int64_t, std::string> stamp(const std::string& mail) {
  std::smatch t, c;
  std::regex_search(mail, t, std::regex("RECEIVED-NS: (\\d+)"));
  std::regex_search(mail, c, std::regex(" - (CH[A-Z0-9]+) \\("));
  return {t.empty() ? 0 : std::stoll(t[1]), c.empty() ? "" : c[1].str()};
}

void report(const char* name, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  if (ms.empty()) return;
  const auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  std::printf("%-28s n=%zu  p50 %.1f ms  p95 %.1f ms  max %.1f ms\n", name, ms.size(), at(0.5), at(0.95), ms.back());
}

class AlertLatencyBench : public ApiSuite {};

TEST_F(AlertLatencyBench, FromCommitToTheSmtpSink) {
  TempDir folder;
  const auto port = free_loopback_port();
  SmtpSink sink(port, folder.path());
  add_site("bench", "A9B01");
  add_user("admin-bench", {"admin@bench"});
  add_user("qa-bench", {"qa@bench"});
  auto admin = log_in("admin-bench");
  ASSERT_EQ(admin
                .put("/api/v1/sites/bench/alerting", json::object{{"smtp_host", "127.0.0.1"},
                                                                  {"smtp_port", port},
                                                                  {"smtp_starttls", false},
                                                                  {"smtp_from", "cj@bench.example"}})
                .status,
            200);
  ASSERT_EQ(admin.put("/api/v1/users/qa-bench/email", json::object{{"email", "qa@bench.example"}}).status, 200);
  ASSERT_EQ(admin
                .put("/api/v1/sites/bench/alert-rules/critical_deviation",
                     json::object{{"channels", {"email"}}, {"roles", {"qa"}}})
                .status,
            200);
  const int n = bench_n();
  const auto critical = [](int i) {
    return seed_journey_event(uri(), "bench", "MRN-B-" + std::to_string(i),
                              {{workflows::Code::BlockingDeviation, workflows::Severity::Critical, "bench", "bench"}});
  };

  std::vector<double> one_at_a_time;
  for (int i = 0; i < n; ++i) {
    const auto raised = critical(i);
    const auto committed = now_ns();
    const auto mail = sink.wait_for(static_cast<std::size_t>(i + 1), std::chrono::seconds(30));
    ASSERT_EQ(mail.size(), static_cast<std::size_t>(i + 1));
    const auto [received, coi] = stamp(mail.back());
    ASSERT_EQ(coi, raised.coi);
    one_at_a_time.push_back((received - committed) / 1e6);
  }
  report("one at a time", one_at_a_time);

  std::map<std::string, std::int64_t> committed;
  for (int i = 0; i < n; ++i) {
    const auto raised = critical(n + i);
    committed[raised.coi] = now_ns();
  }
  const auto mail = sink.wait_for(static_cast<std::size_t>(2 * n), std::chrono::seconds(120));
  ASSERT_EQ(mail.size(), static_cast<std::size_t>(2 * n));
  std::vector<double> burst;
  for (std::size_t i = n; i < mail.size(); ++i) {
    const auto [received, coi] = stamp(mail[i]);
    if (committed.count(coi)) burst.push_back((received - committed[coi]) / 1e6);
  }
  report("burst (back to back)", burst);
}

}  // namespace
}  // namespace cj::testing
