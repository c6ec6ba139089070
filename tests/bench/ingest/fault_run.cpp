#include "tests/bench/ingest/fault_run.h"

#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "server/storage/subprocess.h"
#include "tests/bench/ingest/exactly_once.h"
#include "tests/bench/ingest/latency.h"
#include "tests/bench/ingest/load_run.h"
#include "tests/bench/ingest/report.h"

namespace cj::bench {

namespace {

// 2-4 s in (docs/performance.md); earlier for runs shorter than that, so that load follows the kill.
std::chrono::milliseconds kill_moment(unsigned seconds) {
  std::random_device seed;
  std::mt19937 rng(seed());
  const int run_ms = static_cast<int>(seconds) * 1000;
  const int low = std::min(2000, run_ms / 3);
  const int high = std::min(4000, run_ms * 2 / 3);
  return std::chrono::milliseconds(std::uniform_int_distribution<int>(low, std::max(low, high))(rng));
}

// Retries the restarted server answered from the idempotency table (their first copy had been
// committed before the kill, its answer lost with the connection): the server logs each one.
std::size_t replays_logged(const std::filesystem::path& log, const std::string& run_id) {
  std::ifstream in(log);
  const std::string needle = "scan replayed: key " + run_id;
  std::size_t count = 0;
  for (std::string line; std::getline(in, line);) count += line.find(needle) != std::string::npos;
  return count;
}

}  // namespace

int run_fault(BenchContext& b) {
  const Options& o = b.options;
  auto journeys = create_journeys(b.world, b.http, 1, o.one_journey ? 1 : o.clients * o.journeys_per_client);
  if (!journeys.ok()) {
    std::cerr << "celljourney-ingest: " << journeys.error().to_string() << "\n";
    return 1;
  }
  const auto kill_after = kill_moment(o.seconds);

  LoadRun run(LoadPlan{b.world, split_journeys(o, *journeys), std::chrono::seconds(o.seconds), o.rate, true,
                       std::chrono::seconds(60), b.run_id},
              b.server.port_ref());
  std::this_thread::sleep_for(kill_after);
  const unsigned short port = b.server.port();
  b.server.kill_hard();
  const auto killed_at = Clock::now();
  // The same port, as a station configured with the server's address needs; another one only
  // when that cannot be had (the clients read the port at each reconnect).
  auto restarted = b.server.start(port);
  const bool same_port = restarted.ok();
  if (!restarted.ok()) restarted = b.server.start(0);
  const auto downtime = std::chrono::duration<double, std::milli>(Clock::now() - killed_at).count();
  if (!restarted.ok()) std::cerr << "celljourney-ingest: restart failed: " << restarted.to_string() << "\n";
  const LoadResult load = run.join();

  const ExactlyOnce verdict = check_exactly_once(b.database.uri(), load.acknowledged);
  auto audit = storage::run_command({CELLJOURNEY_BIN, "audit", "verify", "--database", b.database.uri()}, {},
                                    std::chrono::seconds(120));
  const bool audit_ok = audit.ok() && audit->succeeded();

  print_heading("fault: kill -9 of the server " + fixed(static_cast<double>(kill_after.count()) / 1000.0, 2) +
                " s into " + std::to_string(o.clients) + " clients x " + std::to_string(o.seconds) +
                " s, restart, retries with the same idempotency keys");
  print_figure("restarted", !restarted.ok() ? std::string("NO")
                            : same_port     ? "on the same port " + std::to_string(port)
                                            : "on another port " + std::to_string(b.server.port()));
  print_figure("kill to listening again", fixed(downtime, 0) + " ms");
  print_figure("scans sent", std::to_string(load.sent));
  print_figure("acknowledged", std::to_string(load.accepted + load.refused) + " (" + std::to_string(load.accepted) +
                                   " accepted, " + std::to_string(load.refused) + " refused)");
  print_figure("retried", std::to_string(load.retried) + " scans, " + std::to_string(load.retries) + " attempts");
  print_figure("answered by replay", std::to_string(replays_logged(b.server.log_path(), b.run_id)) +
                                         " (committed before the kill, answer lost; stored answer returned)");
  print_figure("given up",
               std::to_string(load.errors) + (load.first_error.empty() ? "" : " (" + load.first_error + ")"));
  auto latency = load.latency_ms;
  print_figure("latency", summarise(latency).text());
  print_figure("checked in SQL", std::to_string(verdict.checked) + " acknowledged keys");
  print_figure("missing", std::to_string(verdict.missing));
  print_figure("stored twice or more", std::to_string(verdict.duplicated));
  print_figure("another event", std::to_string(verdict.other_event));
  print_figure("no stored answer", std::to_string(verdict.without_answer));
  print_figure("duplicate keys (all)", std::to_string(verdict.duplicate_keys));
  print_figure("audit verify",
               audit_ok ? "exit 0"
                        : "FAILED: " + (audit.ok() ? audit->describe() + "\n" + storage::tail_lines(audit->output, 10)
                                                   : audit.error().to_string()));
  const bool ok = restarted.ok() && verdict.ok() && audit_ok && load.errors == 0;
  print_figure("verdict", ok ? "every acknowledged scan stored exactly once; chains intact" : "FAILED");
  return ok ? 0 : 1;
}

}  // namespace cj::bench
