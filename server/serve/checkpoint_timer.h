// Signed audit checkpoints at an interval (audit/checkpoints.h): a timer on the server's
// io_context that, every period, hands one take_checkpoint() to the database worker pool. The
// first one right at start-up, so a restarted server seals where it stands at once.
//
// Never on a network thread, never two at once (a tick finding the last still running skips);
// a checkpoint the pool cannot take is logged and retried at the next tick.
// Thread-safety: start() and stop() from the thread that sets up and tears down the server.
#pragma once

#include <chrono>
#include <memory>

#include "server/audit/checkpoints.h"

namespace boost::asio {
class io_context;
}
namespace cj::db {
class WorkerPool;
}

namespace cj::serve {

class CheckpointTimer {
 public:
  CheckpointTimer(boost::asio::io_context& ioc, db::WorkerPool& pool, std::chrono::seconds period,
                  audit::CheckpointSigner signer);
  ~CheckpointTimer();
  CheckpointTimer(const CheckpointTimer&) = delete;
  CheckpointTimer& operator=(const CheckpointTimer&) = delete;

  void start();
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace cj::serve
