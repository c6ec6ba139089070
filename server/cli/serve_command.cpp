#include "server/cli/serve_command.h"

#include <csignal>
#include <iostream>
#include <optional>
#include <thread>

#include <boost/program_options.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/board/projection.h"
#include "server/cli/command_line.h"
#include "server/demo/demo.h"
#include "server/cli/database_options.h"
#include "server/db/worker_pool.h"
#include "server/feed/feed_hub.h"
#include "server/feed/notification_listener.h"
#include "server/http/listener.h"
#include "server/http/metrics.h"
#include "server/passport/signing_key.h"
#include "server/storage/migrations.h"
#include "server/sweeper/sweep_timer.h"
#include "server/version.h"

namespace cj::cli {

namespace po = boost::program_options;
namespace net = boost::asio;

namespace {

struct ServeOptions {
  DatabaseChoice database;
  std::string listen = "127.0.0.1";
  unsigned short port = 8080;
  unsigned threads = 2;
  unsigned db_workers = 4;
  unsigned sweep_interval = 60;  // seconds between deadline sweeps; 0: none
  bool no_demo = false;          // never seed the demo (server/demo/demo.h)
  bool demo = false;             // seed it on an empty --database too
  std::string centre_key_file;   // the passport signing key (docs/passport.md); empty: none
};

// Whether this start seeds the demo: an empty database, on the private cluster unless --demo.
bool seeds_demo(const ServeOptions& opts, const std::string& uri) {
  if (opts.no_demo || (!opts.database.url.empty() && !opts.demo)) return false;
  if (!demo::database_is_empty(uri)) return false;
  demo::bootstrap(uri, std::filesystem::absolute(opts.database.data_dir).parent_path() / "demo-labels");
  return true;
}

}  // namespace

int run_serve_command(const std::vector<std::string>& args) {
  ServeOptions opts;
  po::options_description desc("celljourney serve options");
  desc.add_options()(
      "listen", po::value(&opts.listen)->default_value(opts.listen), "address to listen on")(
      "port", po::value(&opts.port)->default_value(opts.port), "TCP port (0: any free port)")(
      "threads", po::value(&opts.threads)->default_value(opts.threads), "network threads")(
      "db-workers", po::value(&opts.db_workers)->default_value(opts.db_workers), "database worker threads")(
      "sweep-interval", po::value(&opts.sweep_interval)->default_value(opts.sweep_interval),
      "seconds between deadline sweeps (OVERDUE deviations; the first at start-up); 0: no sweeps")(
      "no-demo", po::bool_switch(&opts.no_demo), "never seed the demo site, people and journeys")(
      "demo", po::bool_switch(&opts.demo),
      "seed the demo on an empty --database too (by default only on the private cluster; never on production)")(
      "centre-key-file", po::value(&opts.centre_key_file),
      "this centre's passport signing key (mode 0600), for GET /api/v1/users/{username}/passport");
  add_database_options(desc, opts.database);
  po::variables_map vm;
  if (auto done = parse_command_line("serve", "usage: celljourney serve [OPTIONS]\n\n", args, desc, vm)) return *done;

  // Hold SIGINT/SIGTERM back during start-up: a Ctrl-C while the database starts must still stop
  // it cleanly. Threads started from here on inherit the mask; only the main thread takes signals
  // once the signal_set below is ready.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::string error;
  if (opts.demo && opts.no_demo) {
    std::cerr << "celljourney serve: --demo and --no-demo contradict each other\n";
    return 1;
  }
  std::optional<passport::SigningKey> centre_key;
  if (!opts.centre_key_file.empty()) {
    centre_key = passport::read_key_file(opts.centre_key_file, &error);
    if (!centre_key) {
      std::cerr << "celljourney serve: " << error << "\n";
      return 1;
    }
  }
  auto database = open_database(opts.database, error);
  if (!database) {
    std::cerr << "celljourney serve: " << error << "\n";
    return 1;
  }
  auto migrated = storage::migrate(database->uri());
  if (!migrated.ok()) {
    std::cerr << "celljourney serve: " << migrated.error().message() << "\n";
    return 1;
  }
  try {  // journeys from before the board's migration (0006) get their rows from their journals
    pqxx::connection conn(database->uri());
    board::fill_missing(conn);
  } catch (const std::exception& e) {
    std::cerr << "celljourney serve: computing the board's rows: " << e.what() << "\n";
    return 1;
  }
  bool seed_demo = false, demo_present = false;
  try {
    seed_demo = seeds_demo(opts, database->uri());
    demo_present = seed_demo || (!opts.no_demo && demo::has_demo_site(database->uri()));
  } catch (const std::exception& e) {
    std::cerr << "celljourney serve: preparing the demo: " << e.what() << "\n";
    return 1;
  }

  db::WorkerPoolOptions pool_options;
  pool_options.uri = database->uri();
  pool_options.workers = opts.db_workers;
  pool_options.role = "celljourney_app";  // created by the journal migration (0003)
  db::WorkerPool pool(std::move(pool_options));
  feed::FeedHub hub;
  feed::NotificationListener notifications(database->uri(), hub);
  server::Metrics metrics;
  server::AppContext app;
  app.db = &pool;
  app.feed = &hub;
  app.metrics = &metrics;
  app.schema_version_known = storage::latest_known_version();
  if (centre_key) app.centre_key = &*centre_key;

  net::io_context ioc{static_cast<int>(opts.threads)};
  std::shared_ptr<server::Listener> listener;
  try {
    listener = std::make_shared<server::Listener>(
        ioc, server::tcp::endpoint(net::ip::make_address(opts.listen), opts.port), app);
  } catch (const std::exception& e) {
    std::cerr << "celljourney serve: cannot listen on " << opts.listen << ":" << opts.port << ": " << e.what() << "\n";
    return 1;
  }
  listener->run();
  std::unique_ptr<sweeper::SweepTimer> sweeps;
  if (opts.sweep_interval > 0) {
    sweeps = std::make_unique<sweeper::SweepTimer>(ioc, pool, std::chrono::seconds(opts.sweep_interval), &metrics);
    sweeps->start();
  }

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (!ec) spdlog::info("received signal {}, stopping", signo);
    ioc.stop();
  });
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);

  const auto endpoint = listener->local_endpoint();
  const std::string url = "http://" + endpoint.address().to_string() + ":" + std::to_string(endpoint.port()) + "/";
  std::cout << "CellJourney " << kVersion << " is listening on " << url << "\n"
            << "  database: " << database->describe() << "\n"
            << "  health:   " << url << "healthz\n"
            << "  Ctrl-C stops the server and the database." << std::endl;
  // The demo goes through the API once it listens; its logins are printed when it is there.
  demo::Seeder demo_seeder(endpoint.port());
  std::thread demo_thread;
  if (seed_demo) {
    std::cout << "  demo:     seeding the demo site through the API..." << std::endl;
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // signals are the main thread's
    demo_thread = std::thread([&demo_seeder] {
      try {
        demo_seeder.run();
        std::cout << demo::describe_logins() << std::flush;
      } catch (const std::exception& e) {
        spdlog::error("demo: seeding stopped: {}", e.what());
      }
    });
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  } else if (demo_present) {
    std::cout << demo::describe_logins() << std::flush;
  }

  std::vector<std::thread> threads;
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  for (unsigned i = 1; i < opts.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  ioc.run();
  for (auto& t : threads) t.join();
  demo_seeder.abort();  // a seeding still running fails its next request at once
  if (demo_thread.joinable()) demo_thread.join();

  if (sweeps) sweeps->stop();  // before the pool: a sweep in flight ends after its journey
  notifications.stop();
  pool.stop();
  database.reset();  // stops the private cluster, if we started one
  spdlog::info("stopped");
  return 0;
}

}  // namespace cj::cli
