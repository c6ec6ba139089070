#include "tests/bench/ingest/latency.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cj::bench {

namespace {

double nearest_rank(const std::vector<double>& sorted, double percentile) {
  const auto rank = static_cast<std::size_t>(std::ceil(percentile / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

LatencySummary summarise(std::vector<double>& samples_ms) {
  LatencySummary s;
  s.samples = samples_ms.size();
  if (samples_ms.empty()) return s;
  std::sort(samples_ms.begin(), samples_ms.end());
  s.p50_ms = nearest_rank(samples_ms, 50);
  s.p90_ms = nearest_rank(samples_ms, 90);
  s.p99_ms = nearest_rank(samples_ms, 99);
  s.max_ms = samples_ms.back();
  return s;
}

std::string LatencySummary::text() const {
  if (samples == 0) return "no samples";
  char line[160];
  std::snprintf(line, sizeof line, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%zu samples)", p50_ms, p90_ms,
                p99_ms, max_ms, samples);
  return line;
}

}  // namespace cj::bench
