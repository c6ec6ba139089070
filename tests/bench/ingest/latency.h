// Latency figures of a run: percentiles over every sample (no histogram rounding).
#pragma once

#include <string>
#include <vector>

namespace cj::bench {

struct LatencySummary {
  std::size_t samples = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
  /// "p50 3.1 ms, p90 5.0 ms, p99 9.8 ms, max 41.2 ms (12345 samples)".
  std::string text() const;
};

/// Nearest-rank percentiles of samples_ms (sorted in place).
LatencySummary summarise(std::vector<double>& samples_ms);

}  // namespace cj::bench
