#include "server/storage/cluster_supervisor.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "server/storage/private_cluster.h"

namespace cj::storage {

namespace {
constexpr std::chrono::milliseconds kMaxRetryWait{5000};
}

ClusterSupervisor::ClusterSupervisor(PrivateCluster& cluster, std::chrono::milliseconds interval)
    : cluster_(cluster), interval_(interval), thread_([this] { run(); }) {}

ClusterSupervisor::~ClusterSupervisor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ClusterSupervisor::run() {
  auto wait = interval_;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, wait, [this] { return stopping_; })) {
    lock.unlock();
    bool restarted = false;
    const Status status = cluster_.ensure_running(restarted);
    lock.lock();
    if (status.ok()) {
      wait = interval_;
    } else {
      // Each failed attempt is worth a line; they come at most every 5 s.
      spdlog::error("PostgreSQL could not be started again (retrying): {}", status.message());
      wait = std::min(std::max(wait * 2, std::chrono::milliseconds(1000)), kMaxRetryWait);
    }
  }
}

}  // namespace cj::storage
