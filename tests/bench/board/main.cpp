// celljourney-board-bench: how fast GET /api/v1/board answers with 10,000 active journeys and
// 200,000 events (the bar: under 50 ms at the server). Run by scripts/bench-board, by hand;
// never by ctest.
//
// 1. a throwaway PostgreSQL cluster (or --database), migrated; sites, people, stations; the
//    journeys and their events made by the server's own code (board_seed.h); VACUUM ANALYZE
//    (what autovacuum does on a live database);
// 2. `celljourney serve` on it (a child process, its log in a file);
// 3. each board query --runs times over one keep-alive loopback connection: the wall time at
//    the client, and the server's own time for the same requests, read from its request log
//    ("http GET <target> 200 <n>us": from the request read to the response handed to the socket).
// Prints p50/p95 of both; exits 2 when a board query's server p95 is 50 ms or more.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/admin/users.h"
#include "tests/bench/board/board_seed.h"
#include "tests/bench/ingest/bench_database.h"
#include "tests/bench/ingest/http_connection.h"
#include "tests/bench/ingest/server_child.h"

namespace cj::bench {
namespace {

namespace json = boost::json;
namespace po = boost::program_options;

struct Options {
  std::size_t journeys = 10000;
  std::size_t events_per_journey = 20;
  std::size_t sites = 4;
  unsigned threads = 2;
  unsigned runs = 50;
  std::string database;
  bool keep_log = false;
  bool no_seed = false;  // time the board of a --database this program seeded before
};

struct Percentiles {
  double p50 = 0, p95 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> ms) {
  if (ms.empty()) return {};
  std::sort(ms.begin(), ms.end());
  auto rank = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
  return {rank(0.50), rank(0.95), ms.back()};
}

// The server's durations (ms) of `GET target` answered 200, logged after byte `offset` of the log.
std::vector<double> server_durations(const std::filesystem::path& log, std::uintmax_t offset,
                                     const std::string& target) {
  std::ifstream in(log);
  in.seekg(static_cast<std::streamoff>(offset));
  const std::string needle = "http GET " + target + " 200 ";
  std::vector<double> ms;
  std::string line;
  while (std::getline(in, line)) {
    const auto at = line.find(needle);
    if (at == std::string::npos) continue;
    ms.push_back(std::stod(line.substr(at + needle.size())) / 1000.0);  // "<n>us"
  }
  return ms;
}

std::string log_in(HttpConnection& http, const std::string& username) {
  const auto reply =
      http.request("POST", "/api/v1/session",
                   json::serialize(json::object{{"username", username}, {"password", kBoardPassword}}), {});
  if (reply.status != 201) throw std::runtime_error("logging in " + username + ": " + reply.body + reply.error);
  return "Bearer " + std::string(json::parse(reply.body).at("token").as_string());
}

// A journey on the board, from the middle of the table.
std::string tx_coi(const std::string& uri) {
  pqxx::connection conn(uri);
  pqxx::read_transaction tx(conn);
  return tx
      .exec1(
          "SELECT j.coi FROM board_rows b JOIN journeys j ON j.id = b.journey_id"
          " WHERE b.status = 'active' ORDER BY b.journey_id OFFSET (SELECT count(*) / 2 FROM board_rows) LIMIT 1")[0]
      .as<std::string>();
}

struct Query {
  std::string name;
  std::string target;
  std::string authorization;
  unsigned runs;
  bool budgeted;  // a board query: its server p95 must stay under 50 ms
};

bool run_query(HttpConnection& http, const ServerChild& server, const Query& q) {
  for (int i = 0; i < 3; ++i) (void)http.request("GET", q.target, {}, q.authorization);  // warm-up
  const auto offset = std::filesystem::file_size(server.log_path());
  std::vector<double> client_ms;
  std::size_t rows = 0;
  long long total = -1;
  for (unsigned i = 0; i < q.runs; ++i) {
    const auto started = std::chrono::steady_clock::now();
    const auto reply = http.request("GET", q.target, {}, q.authorization, std::chrono::milliseconds(60000));
    client_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    if (reply.status != 200)
      throw std::runtime_error(q.target + ": HTTP " + std::to_string(reply.status) + " " + reply.body);
    if (i == 0) {
      const auto body = json::parse(reply.body);
      rows = body.at("journeys").as_array().size();
      if (const auto* t = body.as_object().if_contains("total")) total = t->as_int64();
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the log line follows the response
  const auto client = percentiles(client_ms);
  const auto server_side = percentiles(server_durations(server.log_path(), offset, q.target));
  const bool ok = !q.budgeted || server_side.p95 < 50.0;
  std::printf("%-34s %5zu %6lld | %7.2f %7.2f | %7.2f %7.2f %7.2f %s\n", q.name.c_str(), rows, total, client.p50,
              client.p95, server_side.p50, server_side.p95, server_side.max,
              q.budgeted ? (ok ? "ok" : "OVER 50 ms") : "(comparison)");
  return ok;
}

int run(const Options& o) {
  spdlog::set_level(spdlog::level::warn);  // the seeding runs the server's code, which logs every event
  auto database = BenchDatabase::open(o.database);
  if (!database.ok()) {
    std::cerr << "celljourney-board-bench: " << database.error().to_string() << "\n";
    return 1;
  }
  const std::string uri = (*database)->uri();
  std::cout << "database: " << (*database)->describe() << "\n";
  std::vector<BoardSite> sites;
  if (o.no_seed) {
    for (std::size_t i = 1; i <= o.sites; ++i) {
      BoardSite s;
      s.code = "board-" + std::to_string(i);
      s.coordinator = "cora." + s.code;
      s.qa = "quinn." + s.code;
      sites.push_back(s);
    }
  } else {
    sites = seed_sites(uri, o.sites);
    pqxx::connection conn(uri);
    pqxx::work tx(conn);
    admin::NewUser all{"cora.all", "Bench coordinator of every site", kBoardPassword, {}};
    for (const auto& s : sites) all.roles.push_back(admin::parse_role_at_site("coordinator@" + s.code, "role"));
    admin::create_user(tx, all, "celljourney-board-bench");
    tx.commit();
    std::cout << "seeding " << o.journeys << " journeys x " << o.events_per_journey << " events over " << o.sites
              << " sites on " << o.threads << " connections (scans::decide_and_record, in process)..." << std::endl;
    const SeedFigures seeded = seed_journeys(uri, sites, o.journeys, o.events_per_journey, o.threads);
    std::printf("seeded: %zu journeys, %zu events (%zu refused) in %.1f s: %.0f events/s, %.2f ms per event\n",
                seeded.journeys, seeded.events, seeded.refused, seeded.seconds, seeded.events / seeded.seconds,
                1000.0 * seeded.seconds * o.threads / static_cast<double>(std::max<std::size_t>(1, seeded.events)));
  }
  {
    pqxx::connection conn(uri);
    pqxx::nontransaction tx(conn);
    tx.exec("VACUUM ANALYZE");
    const auto row = tx.exec1(
        "SELECT (SELECT count(*) FROM journeys), (SELECT count(*) FROM events),"
        " (SELECT count(*) FROM board_rows WHERE status IN ('active', 'on_hold')),"
        " (SELECT count(*) FROM board_rows WHERE due_by < now()), (SELECT count(*) FROM deviations)");
    std::printf("database: %s journeys, %s events, %s on the board, %s overdue, %s deviations\n", row[0].c_str(),
                row[1].c_str(), row[2].c_str(), row[3].c_str(), row[4].c_str());
  }

  const auto log =
      std::filesystem::temp_directory_path() / ("celljourney-board-bench-" + std::to_string(getpid()) + ".log");
  ServerChild server(uri, log, {"--sweep-interval", "0"});
  if (auto started = server.start(); !started.ok()) {
    std::cerr << "celljourney-board-bench: " << started.to_string() << "\n";
    return 1;
  }
  HttpConnection http(server.port_ref());
  const std::string all = log_in(http, "cora.all");
  const std::string one = log_in(http, sites[0].coordinator);
  const std::string qa = log_in(http, sites[0].qa);
  // A cursor 20 pages deep (row 4,000 and on).
  std::string cursor;
  for (int page = 0; page < 20; ++page) {
    const auto reply = http.request("GET", "/api/v1/board" + (cursor.empty() ? "" : "?after=" + cursor), {}, all);
    const auto next = json::parse(reply.body).at("next_cursor");
    if (!next.is_string()) break;  // fewer than 21 pages: the deepest there is
    cursor = std::string(next.as_string());
  }
  const std::string some_coi = tx_coi(uri);
  const std::vector<Query> queries{
      {"first page, every site (cora.all)", "/api/v1/board", all, o.runs, true},
      {"first page, one site", "/api/v1/board", one, o.runs, true},
      {"first page, one site, as QA", "/api/v1/board", qa, o.runs, true},
      {"site=board-2", "/api/v1/board?site=board-2", all, o.runs, true},
      {"product=kymriah", "/api/v1/board?product=kymriah", all, o.runs, true},
      {"stage=product.thaw", "/api/v1/board?stage=product.thaw", all, o.runs, true},
      {"overdue=true", "/api/v1/board?overdue=true", all, o.runs, true},
      {"overdue=false&site=board-3", "/api/v1/board?overdue=false&site=board-3", all, o.runs, true},
      {"page 21 (after a cursor)", "/api/v1/board?after=" + cursor, all, o.runs, true},
      {"limit=500", "/api/v1/board?limit=500", all, o.runs, true},
      {"coi=<one journey>", "/api/v1/board?coi=" + some_coi, all, o.runs, true},
      {"GET /api/v1/journeys (history path)", "/api/v1/journeys?status=active", one, 5, false},
  };
  std::printf("\n%-34s %5s %6s | %-15s | %-23s\n", "query", "rows", "total", "client ms p50 p95",
              "server ms p50 p95 max");
  bool ok = true;
  for (const auto& q : queries) ok = run_query(http, server, q) && ok;
  server.stop();
  if (ok && !o.keep_log) std::filesystem::remove(log);
  else std::cout << "server log: " << log << "\n";
  return ok ? 0 : 2;
}

}  // namespace
}  // namespace cj::bench

namespace po = boost::program_options;

int main(int argc, char** argv) {
  cj::bench::Options o;
  po::options_description desc(
      "usage: celljourney-board-bench [OPTIONS]\n\n"
      "Seeds active journeys and their events through the server's own code, then times\n"
      "GET /api/v1/board on a real `celljourney serve` (client wall time and the server's own time).\n\n"
      "options");
  desc.add_options()("help,h", "this text")("journeys", po::value(&o.journeys)->default_value(o.journeys),
                                            "active journeys")(
      "events", po::value(&o.events_per_journey)->default_value(o.events_per_journey), "events per journey")(
      "sites", po::value(&o.sites)->default_value(o.sites), "sites the journeys are spread over")(
      "threads", po::value(&o.threads)->default_value(o.threads), "seeding connections")(
      "runs", po::value(&o.runs)->default_value(o.runs), "requests per board query")(
      "keep-log", po::bool_switch(&o.keep_log), "keep the server's log")(
      "no-seed", po::bool_switch(&o.no_seed), "time the board of a --database seeded by an earlier run (same --sites)")(
      "database", po::value(&o.database), "PostgreSQL URI to use (migrated here); default: a throwaway cluster");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "celljourney-board-bench: " << e.what() << "\n" << desc;
    return 1;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return 0;
  }
  if (o.sites == 0 || o.journeys == 0 || o.runs == 0) {
    std::cerr << "celljourney-board-bench: --sites, --journeys and --runs are at least 1\n";
    return 1;
  }
  try {
    return cj::bench::run(o);
  } catch (const std::exception& e) {
    std::cerr << "celljourney-board-bench: " << e.what() << "\n";
    return 1;
  }
}
