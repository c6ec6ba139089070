// Keeps the private cluster running under `celljourney serve`: a thread that checks the
// postmaster every interval and starts it again when it died (PrivateCluster::ensure_running).
// The database workers reconnect by themselves, so the server recovers without anyone's help;
// while PostgreSQL is down, requests answer 503 DATABASE_UNAVAILABLE. A restart that fails (old
// backends still hold the shared memory) is tried again, at most every 5 s.
//
// Thread-safety: construct and destroy on one thread; the cluster must outlive the supervisor.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace cj::storage {

class PrivateCluster;

class ClusterSupervisor {
 public:
  explicit ClusterSupervisor(PrivateCluster& cluster,
                             std::chrono::milliseconds interval = std::chrono::milliseconds(500));
  ~ClusterSupervisor();  // stops the thread (a restart in progress finishes first)
  ClusterSupervisor(const ClusterSupervisor&) = delete;
  ClusterSupervisor& operator=(const ClusterSupervisor&) = delete;

 private:
  void run();

  PrivateCluster& cluster_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace cj::storage
