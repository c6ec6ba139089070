#include "tests/bench/ingest/load_run.h"

#include <algorithm>

#include <boost/json.hpp>

#include "tests/bench/ingest/http_connection.h"

namespace cj::bench {

namespace {

// The event id of a decision (200 accepted, 422 refused), or 0.
std::int64_t event_id_of(const std::string& body) {
  boost::system::error_code ec;
  const auto decision = boost::json::parse(body, ec);
  const auto* object = ec ? nullptr : decision.if_object();
  const auto* id = object ? object->if_contains("event_id") : nullptr;
  return id && id->is_int64() ? id->as_int64() : 0;
}

bool acknowledged(int status) { return status == 200 || status == 422; }
// No answer, or the server could not do it now: the same request may succeed later.
bool worth_retrying(int status) { return status == 0 || status >= 500; }

}  // namespace

struct LoadRun::Client {
  LoadResult result;
  Clock::time_point last_answer;
};

LoadRun::LoadRun(LoadPlan plan, const std::atomic<unsigned short>& port) : plan_(std::move(plan)), port_(port) {
  start_ = Clock::now();
  for (std::size_t i = 0; i < plan_.journeys_of_client.size(); ++i) clients_.push_back(std::make_unique<Client>());
  for (std::size_t i = 0; i < clients_.size(); ++i) {
    threads_.emplace_back([this, i] { run_client(*clients_[i], i); });
  }
}

LoadRun::~LoadRun() {
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void LoadRun::run_client(Client& client, std::size_t index) {
  const auto& journeys = plan_.journeys_of_client[index];
  const std::string authorization = "Station " + plan_.world.station_key;
  const auto end = start_ + plan_.duration;
  // At a set rate each client sends every `interval`, the clients offset from each other so
  // that the server sees an even stream rather than K scans at once.
  const auto clients = static_cast<double>(plan_.journeys_of_client.size());
  const auto interval =
      plan_.rate > 0 ? std::chrono::duration<double>(clients / plan_.rate) : std::chrono::duration<double>(0);
  auto next_send =
      start_ + std::chrono::duration_cast<Clock::duration>(interval * (static_cast<double>(index) / clients));

  HttpConnection http(port_);
  LoadResult& r = client.result;
  for (std::size_t n = 0;; ++n) {
    if (plan_.rate > 0) {
      std::this_thread::sleep_until(next_send);
      next_send += std::chrono::duration_cast<Clock::duration>(interval);
    }
    if (Clock::now() >= end) break;
    const std::string key = plan_.run_id + "-" + std::to_string(index) + "-" + std::to_string(n);
    const std::string body = collect_scan(plan_.world, journeys[n % journeys.size()], key);
    ++r.sent;
    const auto sent = Clock::now();
    const auto give_up = sent + plan_.give_up;  // the whole run stays within duration + give_up
    HttpReply reply = http.request("POST", "/api/v1/scans", body, authorization);
    auto backoff = std::chrono::milliseconds(20);
    bool resent = false;
    while (plan_.retry_until_acknowledged && worth_retrying(reply.status) && Clock::now() + backoff < give_up) {
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(250));
      resent = true;
      ++r.retries;
      reply = http.request("POST", "/api/v1/scans", body, authorization);
    }
    if (resent) ++r.retried;
    client.last_answer = Clock::now();
    if (!acknowledged(reply.status)) {
      ++r.errors;
      r.unacknowledged.push_back(key);
      if (r.first_error.empty()) {
        r.first_error = "HTTP " + std::to_string(reply.status) + " " + reply.error + reply.body;
      }
      if (plan_.retry_until_acknowledged) break;  // given up: the server did not come back
      continue;
    }
    (reply.status == 200 ? r.accepted : r.refused) += 1;
    r.latency_ms.push_back(std::chrono::duration<double, std::milli>(client.last_answer - sent).count());
    r.acknowledged.push_back({key, event_id_of(reply.body), sent});
  }
}

LoadResult LoadRun::join() {
  for (auto& t : threads_) t.join();
  threads_.clear();
  LoadResult all;
  Clock::time_point last = start_;
  for (auto& c : clients_) {
    LoadResult& r = c->result;
    all.sent += r.sent;
    all.accepted += r.accepted;
    all.refused += r.refused;
    all.errors += r.errors;
    all.retried += r.retried;
    all.retries += r.retries;
    if (all.first_error.empty()) all.first_error = r.first_error;
    all.latency_ms.insert(all.latency_ms.end(), r.latency_ms.begin(), r.latency_ms.end());
    all.acknowledged.insert(all.acknowledged.end(), r.acknowledged.begin(), r.acknowledged.end());
    all.unacknowledged.insert(all.unacknowledged.end(), r.unacknowledged.begin(), r.unacknowledged.end());
    last = std::max(last, c->last_answer);
  }
  all.seconds = std::chrono::duration<double>(last - start_).count();
  return all;
}

}  // namespace cj::bench
