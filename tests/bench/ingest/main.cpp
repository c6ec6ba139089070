// celljourney-ingest: load, figures and the kill -9 fault check of POST /api/v1/scans
// (docs/performance.md). Usage: celljourney-ingest --help.
//
// Everything it starts it stops: the server child (also killed by the kernel if this program
// dies: PR_SET_PDEATHSIG), the throwaway cluster (its watchdog), pgbench (a timeout). Exits 0
// when the run ran, 1 on a harness failure or a failed fault check, 2 on a usage error.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

#include "tests/bench/ingest/bench_context.h"
#include "tests/bench/ingest/fault_run.h"
#include "tests/bench/ingest/report.h"
#include "tests/bench/ingest/throughput_run.h"

namespace {

using namespace cj::bench;

std::string random_run_id() {
  std::random_device seed;
  char text[17];
  std::snprintf(text, sizeof text, "%08x%08x", seed(), seed());
  return text;
}

std::filesystem::path server_log_path(const std::string& run_id) {
  const char* tmp = std::getenv("TMPDIR");
  return std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / ("celljourney-ingest-" + run_id + "-server.log");
}

int run(const Options& options) {
  auto database = BenchDatabase::open(options.database);
  if (!database.ok()) {
    std::cerr << "celljourney-ingest: " << database.error().to_string() << "\n";
    return 1;
  }
  World world = seed_world((*database)->uri());
  const std::string run_id = random_run_id();
  ServerChild server(
      (*database)->uri(), server_log_path(run_id),
      {"--threads", std::to_string(options.server_threads), "--db-workers", std::to_string(options.db_workers)});
  if (auto started = server.start(); !started.ok()) {
    std::cerr << "celljourney-ingest: " << started.to_string() << "\n";
    return 1;
  }
  HttpConnection http(server.port_ref());
  if (auto s = log_in_coordinator(world, http); !s.ok()) {
    std::cerr << "celljourney-ingest: " << s.to_string() << "\n";
    return 1;
  }

  print_heading("setup");
  print_figure("machine", std::to_string(std::thread::hardware_concurrency()) +
                              " cores shared by the load, the server and PostgreSQL");
  print_figure("database", (*database)->describe());
  print_figure("durability", (*database)->durability());
  print_figure("server", "celljourney serve --threads " + std::to_string(options.server_threads) + " --db-workers " +
                             std::to_string(options.db_workers) + " (log: " + server.log_path().string() + ")");
  BenchContext bench{options, **database, world, server, http, run_id};
  const int exit_code = options.fault ? run_fault(bench) : run_throughput(bench);
  server.stop();
  // A log of a good run is megabytes of one line per request: only a failure needs it.
  if (exit_code == 0 && !options.keep_log) {
    std::error_code ignored;
    std::filesystem::remove(server.log_path(), ignored);
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  const auto options = parse_options(argc, argv, exit_code);
  if (!options) return exit_code;
  spdlog::set_level(spdlog::level::warn);  // the storage layer's start-up lines are not figures
  try {
    return run(*options);
  } catch (const std::exception& e) {
    std::cerr << "celljourney-ingest: " << e.what() << "\n";
    return 1;
  }
}
