#include "tests/bench/ingest/bench_context.h"

namespace cj::bench {

std::vector<std::vector<Journey>> split_journeys(const Options& options, const std::vector<Journey>& journeys) {
  std::vector<std::vector<Journey>> of_client(options.clients);
  for (std::size_t c = 0; c < options.clients; ++c) {
    if (options.one_journey) {
      of_client[c].push_back(journeys.front());
      continue;
    }
    for (std::size_t k = 0; k < options.journeys_per_client; ++k) {
      of_client[c].push_back(journeys[c * options.journeys_per_client + k]);
    }
  }
  return of_client;
}

}  // namespace cj::bench
