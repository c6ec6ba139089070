// Metrics: counters the server keeps for GET /metrics (Prometheus text format 0.0.4).
//
// Thread-safety: record_request() and render() may be called from any thread; counters are
// relaxed atomics (a scrape may see one request's count before its duration).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace cj::api {

struct AppContext;

class Metrics {
 public:
  void record_request(int status, std::chrono::microseconds duration);
  /// The scan outcomes the API records (accepted / refused by the rules).
  void record_scan(bool accepted);
  /// One deadline sweep done, with the OVERDUE deviations it raised (server/sweeper).
  void record_sweep(std::uint64_t overdue_raised);

  /// The text of /metrics: request counts by status class, a latency histogram, scans, sweeps, and the
  /// database pool's and live feed's current state.
  std::string render(const AppContext& app) const;

 private:
  // Upper bounds in seconds of the latency histogram buckets (then +Inf).
  static constexpr std::array<double, 10> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};

  std::array<std::atomic<std::uint64_t>, 6> by_class_{};  // 1xx..5xx, [0] unused
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};
  std::atomic<std::uint64_t> duration_sum_us_{0};
  std::atomic<std::uint64_t> scans_accepted_{0};
  std::atomic<std::uint64_t> scans_refused_{0};
  std::atomic<std::uint64_t> sweeps_{0};
  std::atomic<std::uint64_t> overdue_raised_{0};
};

}  // namespace cj::api
