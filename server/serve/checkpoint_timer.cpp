#include "server/serve/checkpoint_timer.h"

#include <atomic>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/audit/admin_log.h"
#include "server/db/worker_pool.h"

namespace cj::serve {

struct CheckpointTimer::Impl : std::enable_shared_from_this<Impl> {
  Impl(boost::asio::io_context& ioc, db::WorkerPool& pool, std::chrono::seconds period, audit::CheckpointSigner signer)
      : timer(ioc), pool(pool), period(period), signer(std::move(signer)) {}

  boost::asio::steady_timer timer;
  db::WorkerPool& pool;
  std::chrono::seconds period;
  audit::CheckpointSigner signer;
  std::atomic<bool> running{false};
  std::atomic<bool> stopped{false};

  void tick() {
    if (stopped) return;
    if (!running.exchange(true)) {
      auto self = shared_from_this();
      const bool queued = pool.post(
          [self](pqxx::connection_base& conn) {
            const audit::Checkpoint c = audit::take_checkpoint(conn, self->signer, "server");
            pqxx::work tx(conn, "checkpoint log");
            audit::log_action(tx, "server", "audit.checkpoint", "checkpoint " + std::to_string(c.id));
            tx.commit();
            spdlog::info("audit: checkpoint {} signed ({} bytes)", c.id, c.body.size());
            self->running = false;
          },
          [self](const db::JobFailure& failure) {
            spdlog::warn("audit: checkpoint not taken, retried at the next tick: {}", failure.message);
            self->running = false;
          });
      if (!queued) running = false;
    }
    timer.expires_after(period);
    timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (!ec) self->tick();
    });
  }
};

CheckpointTimer::CheckpointTimer(boost::asio::io_context& ioc, db::WorkerPool& pool, std::chrono::seconds period,
                                 audit::CheckpointSigner signer)
    : impl_(std::make_shared<Impl>(ioc, pool, period, std::move(signer))) {}

CheckpointTimer::~CheckpointTimer() { stop(); }

void CheckpointTimer::start() { impl_->tick(); }

void CheckpointTimer::stop() {
  impl_->stopped = true;
  impl_->timer.cancel();
}

}  // namespace cj::serve
