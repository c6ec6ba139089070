#include "server/db/worker_pool.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace cj::db {

namespace {
using Clock = std::chrono::steady_clock;

struct QueuedJob {
  WorkerPool::Job job;
  WorkerPool::OnFailure on_failure;
  Clock::time_point queued_at;
};
}  // namespace

struct WorkerPool::Impl {
  WorkerPoolOptions options;
  std::string uri;
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<QueuedJob> queue;    // guarded by mutex
  bool stopping = false;          // guarded by mutex
  std::size_t busy = 0;           // guarded by mutex
  std::uint64_t unavailable = 0;  // guarded by mutex
  std::vector<std::thread> threads;

  void run_worker(std::size_t index);
  void run_job(QueuedJob& item, std::unique_ptr<pqxx::connection>& conn, std::size_t index);
  void count_unavailable() {
    std::lock_guard lock(mutex);
    ++unavailable;
  }
  std::unique_ptr<pqxx::connection> connect();
};

std::string with_connect_timeout(const std::string& uri, std::chrono::seconds timeout) {
  if (uri.find("connect_timeout") != std::string::npos) return uri;
  const std::string value = std::to_string(timeout.count());
  const bool is_uri = uri.rfind("postgresql://", 0) == 0 || uri.rfind("postgres://", 0) == 0;
  if (!is_uri) return uri + (uri.empty() ? "" : " ") + "connect_timeout=" + value;
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=" + value;
}

std::unique_ptr<pqxx::connection> WorkerPool::Impl::connect() {
  auto conn = std::make_unique<pqxx::connection>(uri);
  // libpqxx re-applies variables set this way if it ever re-activates the connection.
  if (!options.role.empty()) conn->set_variable("ROLE", conn->quote_name(options.role));
  return conn;
}

void WorkerPool::Impl::run_worker(std::size_t index) {
  std::unique_ptr<pqxx::connection> conn;
  for (;;) {
    QueuedJob item;
    {
      std::unique_lock lock(mutex);
      wake.wait(lock, [&] { return stopping || !queue.empty(); });
      if (queue.empty()) return;  // stopping and drained
      item = std::move(queue.front());
      queue.pop_front();
      ++busy;
    }
    run_job(item, conn, index);
    std::lock_guard lock(mutex);
    --busy;
  }
}

void WorkerPool::Impl::run_job(QueuedJob& item, std::unique_ptr<pqxx::connection>& conn, std::size_t index) {
  if (Clock::now() - item.queued_at > options.max_wait) {
    count_unavailable();
    item.on_failure({JobFailure::Kind::kUnavailable, "the database did not answer in time"});
    return;
  }
  try {
    if (!conn || !conn->is_open()) conn = connect();
    item.job(*conn);
  } catch (const pqxx::broken_connection& e) {
    // Drop the connection: the next job on this worker connects afresh.
    spdlog::warn("db worker {}: database unavailable: {}", index, e.what());
    conn.reset();
    count_unavailable();
    item.on_failure({JobFailure::Kind::kUnavailable, "the database cannot be reached"});
  } catch (const std::exception& e) {
    spdlog::error("db worker {}: job failed: {}", index, e.what());
    item.on_failure({JobFailure::Kind::kInternal, e.what()});
  }
}

WorkerPool::WorkerPool(WorkerPoolOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->uri = with_connect_timeout(options.uri, options.connect_timeout);
  impl_->options = std::move(options);
  const std::size_t n = impl_->options.workers == 0 ? 1 : impl_->options.workers;
  for (std::size_t i = 0; i < n; ++i) {
    impl_->threads.emplace_back([this, i] { impl_->run_worker(i); });
  }
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::post(Job job, OnFailure on_failure) {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping || impl_->queue.size() >= impl_->options.queue_limit) return false;
    impl_->queue.push_back({std::move(job), std::move(on_failure), Clock::now()});
  }
  impl_->wake.notify_one();
  return true;
}

WorkerPool::Stats WorkerPool::stats() const {
  std::lock_guard lock(impl_->mutex);
  return {impl_->options.workers, impl_->busy, impl_->queue.size(), impl_->unavailable};
}

void WorkerPool::stop() {
  std::deque<QueuedJob> abandoned;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping && impl_->threads.empty()) return;
    impl_->stopping = true;
    abandoned.swap(impl_->queue);
  }
  impl_->wake.notify_all();
  for (auto& job : abandoned) job.on_failure({JobFailure::Kind::kUnavailable, "the server is stopping"});
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  impl_->threads.clear();
}

}  // namespace cj::db
