// A small pool of database worker threads, each owning one libpqxx connection.
//
// libpqxx is blocking, so database work never runs on the network threads: a handler posts a
// job here and answers its client from the job's completion. A worker connects lazily and
// re-connects after a lost connection; a job that cannot reach the database is failed with
// kUnavailable (the HTTP layer turns that into 503), never left waiting forever.
//
// Thread-safety: post() and stop() may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace cj::db {

/// Why a job did not run to completion.
struct JobFailure {
  enum class Kind { kUnavailable, kInternal };
  Kind kind;
  std::string message;
};

struct WorkerPoolOptions {
  std::string uri;                    // libpq connection string or postgresql:// URI
  std::size_t workers = 4;            // threads = connections
  std::size_t queue_limit = 1024;     // post() refuses beyond this many waiting jobs
  std::chrono::seconds max_wait{10};  // a job queued longer than this fails as kUnavailable
  std::chrono::seconds connect_timeout{5};
  /// A role every connection takes right after connecting (SET ROLE), so that the server works
  /// with no more rights than it needs (celljourney_app: no UPDATE or DELETE on the journal).
  /// Empty: the connecting user's own rights.
  std::string role;
};

class WorkerPool {
 public:
  using Job = std::function<void(pqxx::connection_base&)>;
  using OnFailure = std::function<void(const JobFailure&)>;

  explicit WorkerPool(WorkerPoolOptions options);
  ~WorkerPool();  // stop()s
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues job. Exactly one of job or on_failure runs, on a worker thread, unless post()
  /// returns false (queue full or stopped), in which case neither runs.
  /// A job that throws pqxx::broken_connection fails as kUnavailable and its worker reconnects;
  /// any other exception fails it as kInternal.
  bool post(Job job, OnFailure on_failure);

  /// Stops accepting jobs, fails the queued ones as kUnavailable, joins the workers.
  void stop();

  struct Stats {
    std::size_t workers = 0;
    std::size_t busy = 0;           // running a job
    std::size_t queued = 0;         // waiting for a worker
    std::uint64_t unavailable = 0;  // jobs failed because the database could not be reached
  };
  Stats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Adds connect_timeout to a libpq connection string or URI unless it already has one.
std::string with_connect_timeout(const std::string& uri, std::chrono::seconds timeout);

}  // namespace cj::db
