// The deadline sweeper of `celljourney serve`: a timer on the server's io_context that, every
// period, hands one sweep (sweep_once()) to the database worker pool.
//
//   sweeper::SweepTimer sweeps(ioc, pool, std::chrono::seconds(60), &metrics);
//   sweeps.start();    // the first sweep right away, then one per period
//   ioc.run();
//   sweeps.stop();     // before pool.stop()
//
// Never on a network thread: the timer only posts; the sweep runs on a pool worker (holding
// that worker for the sweep's length). Never two at once: a tick that finds the previous
// sweep still running (or queued) is skipped. A sweep the pool cannot take (queue full,
// database unreachable) is logged and retried at the next tick.
//
// Thread-safety: start() and stop() from one thread (the one setting up and tearing down the
// server); the timer's handlers run on the io_context's threads, sweeps on the pool's.
#pragma once

#include <chrono>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace cj::db {
class WorkerPool;
}

namespace cj::api {
class Metrics;
}

namespace cj::sweeper {

class SweepTimer {
 public:
  /// period > 0. metrics: counts sweeps and OVERDUE raised (may be null). pool and metrics must
  /// outlive the sweeps: stop() this, then stop the pool.
  SweepTimer(boost::asio::io_context& ioc, db::WorkerPool& pool, std::chrono::seconds period, api::Metrics* metrics);
  ~SweepTimer();  // stop()s
  SweepTimer(const SweepTimer&) = delete;
  SweepTimer& operator=(const SweepTimer&) = delete;

  void start();
  /// Cancels the timer and asks a running sweep to stop after its current journey. Call it (and
  /// destroy this) when the io_context no longer runs, or from one of its threads.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cj::sweeper
