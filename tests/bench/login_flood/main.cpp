// celljourney-login-flood: how much a flood of logins slows the scans (issue 14 §5).
//
//   celljourney-login-flood [--seconds 20] [--login-loops 8] [--celljourney PATH]
//
// Starts a throwaway PostgreSQL cluster and `celljourney serve` on it (PATH: another build's
// binary, e.g. main's, for the figures before a change; the server migrates the database
// itself, so an older binary works too), seeds a site, a nurse, a coordinator, a station and
// journeys, then measures one station's apheresis.collect scans, back to back, twice: alone,
// and while `login-loops` clients log the nurse in (right password) as fast as answers come.
// Prints scan p50/p99 for both phases and how the logins were answered (201, 503 BUSY...).
// Everything it starts it stops (the server dies with it: PR_SET_PDEATHSIG; the cluster is
// ephemeral); each phase ends after --seconds.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/storage/private_cluster.h"
#include "tests/bench/ingest/http_connection.h"
#include "tests/bench/ingest/latency.h"
#include "tests/bench/ingest/seed.h"
#include "tests/bench/ingest/server_child.h"

namespace {

using namespace cj::bench;
using Clock = std::chrono::steady_clock;
namespace po = boost::program_options;

struct Options {
  unsigned seconds = 20;
  unsigned login_loops = 8;
  unsigned journeys = 20;
  std::string celljourney;  // empty: this build's
};

struct Phase {
  LatencySummary scans;
  std::size_t scan_errors = 0;
  std::map<int, std::size_t> logins;  // status -> count
};

std::filesystem::path temp_dir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a directory like " + pattern);
  // The cluster may run as another user (postgres, when this runs as root): it must get through.
  std::filesystem::permissions(pattern, std::filesystem::perms::others_exec, std::filesystem::perm_options::add);
  return pattern;
}

// The figures of a server whose acknowledged scans survive a power cut (as celljourney-ingest).
void make_durable(const std::string& uri) {
  pqxx::connection conn(uri);
  pqxx::nontransaction tx(conn);
  tx.exec("ALTER SYSTEM SET fsync = on");
  tx.exec("ALTER SYSTEM SET synchronous_commit = on");
  tx.exec("ALTER SYSTEM SET full_page_writes = on");
  tx.exec("SELECT pg_reload_conf()");
}

Phase run_phase(const World& world, const std::vector<Journey>& journeys, const ServerChild& server,
                const Options& options, unsigned login_loops, const std::string& phase_name) {
  Phase phase;
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<std::thread> loops;
  const std::string login =
      boost::json::serialize(boost::json::object{{"username", world.nurse}, {"password", "ingest bench password"}});
  for (unsigned i = 0; i < login_loops; ++i) {
    loops.emplace_back([&] {
      HttpConnection http(server.port_ref());
      std::map<int, std::size_t> seen;
      while (!stop.load()) ++seen[http.request("POST", "/api/v1/session", login, {}).status];
      std::lock_guard lock(mutex);
      for (auto [status, n] : seen) phase.logins[status] += n;
    });
  }
  HttpConnection http(server.port_ref());
  const std::string station = "Station " + world.station_key;
  std::vector<double> samples;
  const auto end = Clock::now() + std::chrono::seconds(options.seconds);
  for (std::size_t n = 0; Clock::now() < end; ++n) {
    const std::string key = phase_name + "-" + std::to_string(n);
    const std::string body = collect_scan(world, journeys[n % journeys.size()], key);
    const auto sent = Clock::now();
    const auto reply = http.request("POST", "/api/v1/scans", body, station);
    samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
    if (reply.status != 200) ++phase.scan_errors;
  }
  stop = true;
  for (auto& t : loops) t.join();
  phase.scans = summarise(samples);
  return phase;
}

void print(const std::string& name, const Phase& phase) {
  std::cout << name << "\n  scans:  " << phase.scans.text() << ", " << phase.scan_errors << " not 200\n";
  if (phase.logins.empty()) return;
  std::cout << "  logins:";
  for (auto [status, n] : phase.logins) std::cout << " " << n << "x HTTP " << status;
  std::cout << "\n";
}

int run(const Options& options) {
  const auto dir = temp_dir("celljourney-login-flood-");
  cj::storage::ClusterOptions cluster_options;
  cluster_options.data_dir = dir / "postgres";
  cluster_options.database = "flood";
  cluster_options.ephemeral = true;
  auto cluster = cj::storage::PrivateCluster::start(cluster_options);
  if (!cluster.ok()) {
    std::cerr << "celljourney-login-flood: " << cluster.error().to_string() << "\n";
    return 1;
  }
  const std::string uri = (*cluster)->connection_uri();
  make_durable(uri);
  ServerChild server(uri, dir / "server.log", {"--sweep-interval", "0"});
  if (!options.celljourney.empty()) server.use_binary(options.celljourney);
  if (auto started = server.start(); !started.ok()) {
    std::cerr << "celljourney-login-flood: " << started.to_string() << "\n";
    return 1;
  }
  World world = seed_world(uri);  // after the start: the server has migrated the database
  HttpConnection http(server.port_ref());
  auto journeys = log_in_coordinator(world, http).ok()
                      ? create_journeys(world, http, 0, options.journeys)
                      : cj::storage::Result<std::vector<Journey>>(cj::storage::Status::internal("cannot log in"));
  if (!journeys.ok()) {
    std::cerr << "celljourney-login-flood: " << journeys.error().to_string() << "\n";
    return 1;
  }
  std::cout << "celljourney-login-flood: " << std::thread::hardware_concurrency() << " cores, server "
            << (options.celljourney.empty() ? std::string(CELLJOURNEY_BIN) : options.celljourney) << ", "
            << options.seconds << " s per phase\n";
  const Phase alone = run_phase(world, *journeys, server, options, 0, "alone");
  print("scans alone", alone);
  const Phase flooded = run_phase(world, *journeys, server, options, options.login_loops, "flood");
  print("scans with " + std::to_string(options.login_loops) + " login loops", flooded);
  server.stop();
  (void)(*cluster)->stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  po::options_description desc("celljourney-login-flood options");
  desc.add_options()("help,h", "this text")("seconds", po::value(&options.seconds)->default_value(options.seconds),
                                            "length of each phase")(
      "login-loops", po::value(&options.login_loops)->default_value(options.login_loops),
      "clients logging in back to back during the second phase")(
      "journeys", po::value(&options.journeys)->default_value(options.journeys), "journeys the scans cycle through")(
      "celljourney", po::value(&options.celljourney), "the celljourney binary to serve (default: this build's)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "celljourney-login-flood: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return 0;
  }
  spdlog::set_level(spdlog::level::warn);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "celljourney-login-flood: " << e.what() << "\n";
    return 1;
  }
}
