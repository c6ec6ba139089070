#include "server/cli/serve_command.h"

#include <sys/resource.h>

#include <csignal>
#include <cstdint>
#include <iostream>
#include <optional>
#include <thread>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/api/metrics.h"
#include "server/cli/serve_options.h"
#include "server/cli/serve_startup.h"
#include "server/db/login_role.h"
#include "server/db/worker_pool.h"
#include "server/auth/sign_in.h"
#include "server/demo/demo.h"
#include "server/feed/feed_hub.h"
#include "server/feed/notification_listener.h"
#include "server/transport/listener.h"
#include "server/transport/tls_context.h"
#include "server/serve/checkpoint_timer.h"
#include "server/serve/version.h"
#include "server/serve/wiring.h"
#include "server/storage/migrations.h"
#include "server/sweeper/sweep_timer.h"
#include "server/alerts/alert_worker.h"

namespace cj::cli {

namespace net = boost::asio;

namespace {

// Every connection is a file descriptor: take all the hard limit allows (a soft limit of 1024,
// Debian's default, would be reached before --max-connections), and say when even that is short.
void raise_file_limit(const ServeOptions& opts) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &limit);
    (void)::getrlimit(RLIMIT_NOFILE, &limit);
  }
  const rlim_t wanted = rlim_t{opts.max_connections} + 128;  // the database, logs, the feed's own
  if (limit.rlim_cur < wanted) {
    spdlog::warn(
        "the open file limit ({}) is below --max-connections ({}) plus 128 for the server's own files; "
        "past it, new connections wait in the kernel's queue (raise it with ulimit -n)",
        static_cast<unsigned long long>(limit.rlim_cur), opts.max_connections);
  }
}

}  // namespace

int run_serve_command(const std::vector<std::string>& args) {
  ServeOptions opts;
  if (auto done = parse_serve_options(args, opts)) return *done;

  // Hold SIGINT/SIGTERM back during start-up: a Ctrl-C while the database starts must still stop
  // it cleanly. Threads started from here on inherit the mask; only the main thread takes signals
  // once the signal_set below is ready.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  raise_file_limit(opts);
  std::string error;
  // The certificate and key first: a wrong file fails at once, before a database starts.
  std::unique_ptr<transport::TlsContext> tls;
  if (opts.tls()) {
    tls = transport::TlsContext::load(opts.tls_cert, opts.tls_key, error);
    if (!tls) {
      std::cerr << "celljourney serve: " << error << "\n";
      return 1;
    }
  }
  std::optional<Prepared> prepared = prepare(opts, error);
  if (!prepared) {
    std::cerr << "celljourney serve: " << error << "\n";
    return 1;
  }
  auto& database = prepared->database;
  database->supervise();  // a private cluster that dies is started again
  auto& centre_key = prepared->centre_key;
  const bool seed_demo = prepared->seed_demo, demo_present = prepared->demo_present;

  // From here on the server works as celljourney_server (db/login_role.h), not the owner that
  // migrated: a connection that cannot be made that way is an error, not a fallback.
  const std::string app_uri = opts.app_database.empty() ? db::with_login_role(database->uri()) : opts.app_database;
  try {
    pqxx::connection probe(app_uri);
  } catch (const std::exception& e) {
    std::cerr << "celljourney serve: cannot connect as the server's own role " << db::kServerRole << ": " << e.what()
              << "  Give it a password (ALTER ROLE " << db::kServerRole
              << " PASSWORD ...) and pass --app-database with it (docs/security.md).\n";
    return 1;
  }
  db::WorkerPoolOptions pool_options;
  pool_options.uri = app_uri;
  pool_options.workers = opts.db_workers;
  db::WorkerPool pool(std::move(pool_options));
  auth::SignInOptions sign_in_options;
  sign_in_options.limits.per_address = opts.guess_limit_address == 0 ? SIZE_MAX : opts.guess_limit_address;
  auth::SignIn sign_in(sign_in_options);  // its threads start with the stop signals blocked, like the pool's
  feed::FeedHub hub;
  feed::NotificationListener notifications(app_uri, hub);
  api::Metrics metrics;
  api::AppContext app;
  app.db = &pool;
  app.feed = &hub;
  app.metrics = &metrics;
  app.sign_in = &sign_in;
  app.schema_version_known = storage::latest_known_version();
  if (centre_key) {
    app.centre_key = &*centre_key;
    app.centre_public_key = centre_key->public_key();
    app.centre_sign = [&centre_key](std::string_view message) { return centre_key->sign(message); };
    app.sealing_public_key = centre_key->sealing_public_key();
    app.centre_unseal = [&centre_key](std::string_view base64) -> std::optional<std::string> {
      const auto box = passport::from_base64(base64);
      return box ? centre_key->open_sealed(*box) : std::nullopt;
    };
  }
  transport::Application application = serve::make_application(app);

  transport::Application metrics_application = serve::make_metrics_application(app);

  net::io_context ioc{static_cast<int>(opts.threads)};
  transport::ConnectionLimits limits;
  limits.max_total = opts.max_connections;
  limits.max_per_address = opts.max_connections_per_address;
  limits.unauthenticated_timeout = std::chrono::seconds(opts.unauthenticated_timeout);
  std::shared_ptr<transport::Listener> listener, metrics_listener;
  try {
    const std::string address = opts.listen == "localhost" ? "127.0.0.1" : opts.listen;
    listener = std::make_shared<transport::Listener>(
        ioc, transport::tcp::endpoint(net::ip::make_address(address), opts.port), application, tls.get(), limits);
  } catch (const std::exception& e) {
    std::cerr << "celljourney serve: cannot listen on " << opts.listen << ":" << opts.port << ": " << e.what() << "\n";
    return 1;
  }
  if (!opts.metrics_listen.empty()) {
    try {
      transport::ConnectionLimits few;  // a scraper or two
      few.max_total = 16;
      few.max_per_address = 16;
      metrics_listener = std::make_shared<transport::Listener>(
          ioc, transport::tcp::endpoint(net::ip::make_address(opts.metrics_address), opts.metrics_port),
          metrics_application, nullptr, few);
    } catch (const std::exception& e) {
      std::cerr << "celljourney serve: cannot listen on " << opts.metrics_listen << " (--metrics-listen): " << e.what()
                << "\n";
      return 1;
    }
    metrics_listener->run();
  }
  listener->run();
  std::unique_ptr<sweeper::SweepTimer> sweeps;
  if (opts.sweep_interval > 0) {
    sweeps = std::make_unique<sweeper::SweepTimer>(ioc, pool, std::chrono::seconds(opts.sweep_interval), &metrics);
    sweeps->start();
  }
  // Alerts: delivered from the outbox on a thread of their own, never on a request's path.
  alerts::AlertWorker alert_worker(app_uri, alerts::WorkerOptions{});
  std::unique_ptr<serve::CheckpointTimer> checkpoints;
  if (centre_key && opts.checkpoint_interval > 0) {
    checkpoints =
        std::make_unique<serve::CheckpointTimer>(ioc, pool, std::chrono::seconds(opts.checkpoint_interval),
                                                 audit::CheckpointSigner{app.centre_public_key, app.centre_sign});
    checkpoints->start();
  } else if (!centre_key) {
    spdlog::warn("audit: no --centre-key-file, so no signed checkpoints: a journey deleted whole would go unnoticed");
  }

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (!ec) spdlog::info("received signal {}, stopping", signo);
    ioc.stop();
  });
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);

  const auto endpoint = listener->local_endpoint();
  const std::string host =
      endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]" : endpoint.address().to_string();
  const std::string url =
      std::string(listener->secure() ? "https://" : "http://") + host + ":" + std::to_string(endpoint.port()) + "/";
  std::cout << "CellJourney " << kVersion << " is listening on " << url << "\n"
            << "  database: " << database->describe() << "\n"
            << "  health:   " << url << "healthz\n";
  if (metrics_listener) {
    const auto at = metrics_listener->local_endpoint();
    const std::string metrics_host =
        at.address().is_v6() ? "[" + at.address().to_string() + "]" : at.address().to_string();
    std::cout << "  metrics:  http://" << metrics_host << ":" << at.port() << "/metrics\n";
  }
  std::cout << "  Ctrl-C stops the server and the database." << std::endl;
  // The demo goes through the API once it listens; its logins are printed when it is there.
  demo::Seeder demo_seeder(endpoint.port(), opts.tls_cert);
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

  if (checkpoints) checkpoints->stop();
  if (sweeps) sweeps->stop();  // before the pool: a sweep in flight ends after its journey
  alert_worker.stop();         // after its send in flight, before the database goes
  notifications.stop();
  pool.stop();
  database.reset();  // stops the private cluster, if we started one
  spdlog::info("stopped");
  return 0;
}

}  // namespace cj::cli
