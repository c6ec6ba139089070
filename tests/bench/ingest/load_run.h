// The load: K client threads, each with one keep-alive connection, posting apheresis.collect
// scans (each with a fresh idempotency key) to the journeys it was given, for a fixed time, as
// fast as the server answers or at a set overall rate.
//
// In retry mode (the fault run) a scan that got no answer, or a 5xx, is sent again with the
// SAME body and key until it is acknowledged (200 or 422), for at most give_up after its first
// sending, as a station's outbox does; latency is then from its first sending to its answer.
//
// The threads start in the constructor, so that the caller's thread stays free (the fault run
// kills and restarts the server from it while the clients run); join() waits for them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/bench/ingest/feed_watcher.h"
#include "tests/bench/ingest/seed.h"

namespace cj::bench {

struct LoadPlan {
  World world;
  std::vector<std::vector<Journey>> journeys_of_client;  // one list per client, cycled through
  std::chrono::seconds duration{10};
  double rate = 0;  // scans/s over all clients; 0: back to back
  bool retry_until_acknowledged = false;
  std::chrono::seconds give_up{60};  // retry mode: how long one scan is retried
  std::string run_id;                // makes the keys of this run unique ("<run_id>-<client>-<n>")
};

struct Acknowledged {
  std::string key;
  std::int64_t event_id = 0;
  Clock::time_point sent;  // when its POST was first sent
};

struct LoadResult {
  std::size_t sent = 0;      // scans (not attempts)
  std::size_t accepted = 0;  // 200
  std::size_t refused = 0;   // 422: recorded, refused by the rules
  std::size_t errors = 0;    // no answer or another status (not retried), or given up
  std::size_t retried = 0;   // scans sent more than once (retry mode)
  std::size_t retries = 0;   // attempts beyond the first (retry mode)
  double seconds = 0;        // from the start to the last answer
  std::string first_error;
  std::vector<double> latency_ms;           // per acknowledged scan
  std::vector<Acknowledged> acknowledged;   // 200 and 422, with their event ids
  std::vector<std::string> unacknowledged;  // keys given up on (retry mode) or failed
};

class LoadRun {
 public:
  LoadRun(LoadPlan plan, const std::atomic<unsigned short>& port);
  ~LoadRun();  // join()s
  LoadRun(const LoadRun&) = delete;
  LoadRun& operator=(const LoadRun&) = delete;

  /// Waits for every client and merges their figures. Call once.
  LoadResult join();

 private:
  struct Client;
  void run_client(Client& client, std::size_t index);

  LoadPlan plan_;
  const std::atomic<unsigned short>& port_;
  Clock::time_point start_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::vector<std::thread> threads_;
};

}  // namespace cj::bench
