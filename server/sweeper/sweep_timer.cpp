#include "server/sweeper/sweep_timer.h"

#include <atomic>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "server/db/worker_pool.h"
#include "server/api/metrics.h"
#include "server/rules/journey_deadlines.h"
#include "server/sweeper/sweep.h"

namespace cj::sweeper {

namespace {

// What a sweep job shares with the timer; the job holds it, so either may end first.
struct Shared {
  api::Metrics* metrics = nullptr;
  std::atomic<bool> stopping{false};
  std::atomic<bool> sweeping{false};  // a sweep is queued or running
};

void run_sweep(Shared& shared, pqxx::connection_base& conn) {
  struct Done {  // clears the flag however the sweep ends
    Shared& shared;
    ~Done() { shared.sweeping.store(false); }
  } done{shared};
  const auto started = std::chrono::steady_clock::now();
  const SweepReport report = sweep_once(conn, base::now_seconds(), &shared.stopping);
  if (shared.metrics != nullptr) shared.metrics->record_sweep(report.raised);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  const bool notable = report.raised > 0 || report.rules_missing > 0 || report.failed > 0;
  spdlog::log(notable ? spdlog::level::info : spdlog::level::debug, "sweep: {} in {} ms", describe(report), ms);
}

}  // namespace

struct SweepTimer::Impl {
  Impl(boost::asio::io_context& ioc, db::WorkerPool& pool, std::chrono::seconds period, api::Metrics* metrics)
      : timer(ioc), pool(pool), period(period), shared(std::make_shared<Shared>()) {
    shared->metrics = metrics;
  }

  boost::asio::steady_timer timer;
  db::WorkerPool& pool;
  const std::chrono::seconds period;
  std::shared_ptr<Shared> shared;

  // The handler holds a plain pointer: it only runs while the io_context runs, and this lives
  // until the io_context no longer does (the class's contract).
  void arm(std::chrono::steady_clock::duration delay) {
    timer.expires_after(delay);
    timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec || shared->stopping.load()) return;
      arm(period);
      post_sweep();
    });
  }

  void post_sweep() {
    if (shared->sweeping.exchange(true)) {
      spdlog::info("sweep: the previous sweep is still running; skipping this tick");
      return;
    }
    const bool posted = pool.post([s = shared](pqxx::connection_base& conn) { run_sweep(*s, conn); },
                                  [s = shared](const db::JobFailure& failure) {
                                    s->sweeping.store(false);
                                    spdlog::warn("sweep: not run: {}", failure.message);
                                  });
    if (!posted) {
      shared->sweeping.store(false);
      spdlog::warn("sweep: the database pool takes no more work now; retrying at the next tick");
    }
  }
};

SweepTimer::SweepTimer(boost::asio::io_context& ioc, db::WorkerPool& pool, std::chrono::seconds period,
                       api::Metrics* metrics)
    : impl_(std::make_unique<Impl>(ioc, pool, period, metrics)) {}

SweepTimer::~SweepTimer() { stop(); }

void SweepTimer::start() {
  spdlog::info("sweep: deadlines are swept every {} s", impl_->period.count());
  impl_->arm(std::chrono::steady_clock::duration::zero());
}

void SweepTimer::stop() {
  if (impl_->shared->stopping.exchange(true)) return;
  impl_->timer.cancel();
}

}  // namespace cj::sweeper
