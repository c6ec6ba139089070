// A few threads of their own for password hashing (argon2id: ~64 MiB and 50-100 ms each).
//
// On a database worker a login flood would take every worker and slow the scans down; here it
// takes at most `threads` cores, and beyond `queue_limit` waiting jobs post() refuses at once
// (the caller answers 503 "busy, try again") instead of letting the queue and its memory grow.
//
// Thread-safety: post() and stop() may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cj::auth {

class HashPool {
 public:
  HashPool(std::size_t threads, std::size_t queue_limit);
  ~HashPool();  // stop()s
  HashPool(const HashPool&) = delete;
  HashPool& operator=(const HashPool&) = delete;

  /// Queues job; false (and job dropped) when the queue is full or the pool stopped.
  bool post(std::function<void()> job);
  /// Runs what is queued, then joins the threads; later post()s return false.
  void stop();

 private:
  void run();

  const std::size_t queue_limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace cj::auth
