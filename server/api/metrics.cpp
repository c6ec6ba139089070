#include "server/api/metrics.h"

#include <sstream>

#include "server/db/worker_pool.h"
#include "server/feed/feed_hub.h"
#include "server/api/app_context.h"

namespace cj::api {

void Metrics::record_request(int status, std::chrono::microseconds duration) {
  const int cls = status / 100;
  if (cls >= 1 && cls <= 5) by_class_[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  duration_sum_us_.fetch_add(static_cast<std::uint64_t>(duration.count()), std::memory_order_relaxed);
}

void Metrics::record_scan(bool accepted) {
  (accepted ? scans_accepted_ : scans_refused_).fetch_add(1, std::memory_order_relaxed);
}

void Metrics::record_sweep(std::uint64_t overdue_raised) {
  sweeps_.fetch_add(1, std::memory_order_relaxed);
  overdue_raised_.fetch_add(overdue_raised, std::memory_order_relaxed);
}

std::string Metrics::render(const AppContext& app) const {
  std::ostringstream out;
  out << "# HELP celljourney_http_requests_total HTTP requests answered, by status class.\n"
      << "# TYPE celljourney_http_requests_total counter\n";
  for (int cls = 1; cls <= 5; ++cls) {
    const auto n = by_class_[static_cast<std::size_t>(cls)].load(std::memory_order_relaxed);
    out << "celljourney_http_requests_total{code=\"" << cls << "xx\"} " << n << "\n";
  }
  out << "# HELP celljourney_http_request_duration_seconds Time from a request read to its answer.\n"
      << "# TYPE celljourney_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out << "celljourney_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << cumulative << "\n";
  }
  cumulative += buckets_[kBuckets.size()].load(std::memory_order_relaxed);
  out << "celljourney_http_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n"
      << "celljourney_http_request_duration_seconds_sum "
      << static_cast<double>(duration_sum_us_.load(std::memory_order_relaxed)) / 1e6 << "\n"
      << "celljourney_http_request_duration_seconds_count " << cumulative << "\n";
  out << "# HELP celljourney_scans_total Scans decided by the rules, by decision.\n"
      << "# TYPE celljourney_scans_total counter\n"
      << "celljourney_scans_total{decision=\"accepted\"} " << scans_accepted_.load(std::memory_order_relaxed) << "\n"
      << "celljourney_scans_total{decision=\"refused\"} " << scans_refused_.load(std::memory_order_relaxed) << "\n";
  out << "# HELP celljourney_sweeps_total Deadline sweeps completed by this server.\n"
      << "# TYPE celljourney_sweeps_total counter\ncelljourney_sweeps_total " << sweeps_.load(std::memory_order_relaxed)
      << "\n"
      << "# HELP celljourney_overdue_raised_total OVERDUE deviations raised by this server's sweeps.\n"
      << "# TYPE celljourney_overdue_raised_total counter\ncelljourney_overdue_raised_total "
      << overdue_raised_.load(std::memory_order_relaxed) << "\n";
  if (app.db) {
    const auto s = app.db->stats();
    out << "# HELP celljourney_db_workers Database worker threads (one connection each).\n"
        << "# TYPE celljourney_db_workers gauge\ncelljourney_db_workers " << s.workers << "\n"
        << "# HELP celljourney_db_workers_busy Workers running a job now.\n"
        << "# TYPE celljourney_db_workers_busy gauge\ncelljourney_db_workers_busy " << s.busy << "\n"
        << "# HELP celljourney_db_queue_depth Jobs waiting for a worker.\n"
        << "# TYPE celljourney_db_queue_depth gauge\ncelljourney_db_queue_depth " << s.queued << "\n"
        << "# HELP celljourney_db_unavailable_total Jobs failed because the database could not be reached.\n"
        << "# TYPE celljourney_db_unavailable_total counter\ncelljourney_db_unavailable_total " << s.unavailable
        << "\n";
  }
  if (app.feed) {
    out << "# HELP celljourney_feed_subscribers Live feed WebSocket subscribers.\n"
        << "# TYPE celljourney_feed_subscribers gauge\ncelljourney_feed_subscribers " << app.feed->subscriber_count()
        << "\n";
  }
  return out.str();
}

}  // namespace cj::api
