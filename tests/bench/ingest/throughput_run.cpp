#include "tests/bench/ingest/throughput_run.h"

#include <iostream>
#include <thread>

#include <pqxx/pqxx>

#include "tests/bench/ingest/feed_watcher.h"
#include "tests/bench/ingest/latency.h"
#include "tests/bench/ingest/load_run.h"
#include "tests/bench/ingest/pgbench_run.h"
#include "tests/bench/ingest/report.h"

namespace cj::bench {

namespace {

// Until the server's LISTEN is in place, a notice could be missed (GET /healthz says).
bool wait_until_listening(HttpConnection& http) {
  for (int i = 0; i < 100; ++i) {
    const auto reply = http.request("GET", "/healthz", "", "");
    if (reply.status == 200 && reply.body.find("\"listening\":true") != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// Scan-to-feed latency of each acknowledged scan: its notice's arrival minus its sending.
std::vector<double> feed_latencies_ms(const LoadResult& load,
                                      const std::unordered_map<std::int64_t, Clock::time_point>& arrivals,
                                      std::size_t& missing) {
  std::vector<double> ms;
  missing = 0;
  for (const auto& a : load.acknowledged) {
    const auto it = arrivals.find(a.event_id);
    if (it == arrivals.end()) {
      ++missing;
      continue;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(it->second - a.sent).count());
  }
  return ms;
}

// "avg 41.5, max 48": events per journey at the end (load_journey reads them all at each scan).
std::string history_size(const std::string& uri, const std::vector<Journey>& journeys) {
  pqxx::connection conn(uri);
  pqxx::read_transaction tx(conn);
  std::string cois = "{";
  for (std::size_t i = 0; i < journeys.size(); ++i) cois += (i ? "," : "") + journeys[i].coi;
  cois += "}";
  const auto row =
      tx.exec_params1("SELECT avg(chain_seq)::float8, max(chain_seq) FROM journeys WHERE coi = ANY($1::text[])", cois);
  return "avg " + fixed(row[0].as<double>()) + ", max " + row[1].as<std::string>();
}

void print_load(const Options& o, const LoadResult& r, const std::string& history) {
  print_heading("HTTP: POST /api/v1/scans, " + std::to_string(o.clients) + " keep-alive clients, " +
                std::to_string(o.seconds) + " s, " +
                (o.rate > 0 ? "at " + fixed(o.rate, 0) + " scans/s overall" : std::string("back to back")) + ", " +
                (o.one_journey ? std::string("all on one journey")
                               : std::to_string(o.journeys_per_client) + " journeys per client"));
  print_figure("scans sent", std::to_string(r.sent));
  print_figure("accepted", std::to_string(r.accepted));
  print_figure("refused", std::to_string(r.refused));
  print_figure("errors", std::to_string(r.errors) + (r.first_error.empty() ? "" : " (first: " + r.first_error + ")"));
  print_figure("accepted scans/s", fixed(static_cast<double>(r.accepted) / r.seconds));
  auto latency = r.latency_ms;
  print_figure("latency", summarise(latency).text());
  print_figure("events per journey", history);
}

}  // namespace

int run_throughput(BenchContext& b) {
  const Options& o = b.options;
  const std::size_t count = o.one_journey ? 1 : o.clients * o.journeys_per_client;
  auto journeys = create_journeys(b.world, b.http, 1, count);
  if (!journeys.ok()) {
    std::cerr << "celljourney-ingest: " << journeys.error().to_string() << "\n";
    return 1;
  }
  // pgbench gets journeys of its own, in the same state, so that it starts from the same
  // history sizes and its rows do not mix into the chains the HTTP run wrote.
  storage::Result<std::vector<Journey>> pgbench_journeys = std::vector<Journey>{};
  if (o.pgbench) pgbench_journeys = create_journeys(b.world, b.http, count + 1, count);
  if (!pgbench_journeys.ok()) {
    std::cerr << "celljourney-ingest: " << pgbench_journeys.error().to_string() << "\n";
    return 1;
  }
  if (!wait_until_listening(b.http)) {
    std::cerr << "celljourney-ingest: the server's feed listener did not start\n";
    return 1;
  }
  FeedWatcher feed(b.server.port(), b.world.coordinator_token);
  if (!feed.ok()) {
    std::cerr << "celljourney-ingest: cannot subscribe to the feed: " << feed.error() << "\n";
    return 1;
  }

  LoadRun run(LoadPlan{b.world, split_journeys(o, *journeys), std::chrono::seconds(o.seconds), o.rate, false,
                       std::chrono::seconds(60), b.run_id},
              b.server.port_ref());
  const LoadResult load = run.join();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the last notices are on their way
  const auto metrics = b.http.request("GET", "/metrics", "", "Bearer " + b.world.qa_token);
  const auto arrivals = feed.stop();

  print_load(o, load, history_size(b.database.uri(), *journeys));
  std::size_t missing = 0;
  auto feed_ms = feed_latencies_ms(load, arrivals, missing);
  print_figure("feed latency", summarise(feed_ms).text());
  print_figure("feed notices missing", std::to_string(missing));
  print_heading("server /metrics at the end");
  for (const auto& line : pool_metrics(metrics.body)) std::cout << "  " << line << "\n";
  b.server.stop();  // pgbench gets the machine to itself, as the server had it with its load

  if (!o.pgbench) return 0;
  std::string sample;
  for (const auto& a : load.acknowledged) {
    if (a.event_id != 0) {
      sample = a.key;
      break;
    }
  }
  if (sample.empty()) {
    std::cerr << "celljourney-ingest: no scan was acknowledged; nothing to model pgbench on\n";
    return 1;
  }
  auto variables = pgbench_variables(b.database.uri(), b.world, *pgbench_journeys,
                                     o.one_journey ? 1 : o.journeys_per_client, o.one_journey, sample);
  if (!variables.ok()) {
    std::cerr << "celljourney-ingest: " << variables.error().to_string() << "\n";
    return 1;
  }
  auto pg = run_pgbench(o.pgbench_bin, b.database.uri(), o.clients, o.seconds, *variables, o.pgbench_mode);
  if (!pg.ok()) {
    std::cerr << "celljourney-ingest: " << pg.error().to_string() << "\n";
    return 1;
  }
  const double server_rate = static_cast<double>(load.accepted) / load.seconds;
  print_heading("pgbench: the same SQL transaction, " + std::to_string(o.clients) + " clients, " +
                std::to_string(o.seconds) + " s, same database, server stopped");
  print_figure("command", pg->command);
  print_figure("transactions", std::to_string(pg->transactions) + " (" + std::to_string(pg->failed) + " failed)");
  print_figure("tps", fixed(pg->tps));
  print_figure("latency average", fixed(pg->latency_ms, 2) + " ms");
  print_figure("events per journey", history_size(b.database.uri(), *pgbench_journeys));
  print_figure("ratio server/pgbench", fixed(server_rate / pg->tps, 2) + " (goal >= 0.70)");
  return 0;
}

}  // namespace cj::bench
