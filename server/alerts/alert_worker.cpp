#include "server/alerts/alert_worker.h"

#include <algorithm>
#include <ctime>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/alerts/alert_message.h"
#include "server/alerts/alert_outbox.h"
#include "server/alerts/curl_senders.h"
#include "server/alerts/webhook_signature.h"
#include "server/db/worker_pool.h"
#include "server/feed/feed_notice.h"

namespace cj::alerts {

namespace {

inline constexpr const char* kAlertChannel = "celljourney_alerts";

class Wakeup final : public pqxx::notification_receiver {
 public:
  Wakeup(pqxx::connection_base& conn, bool& woken) : pqxx::notification_receiver(conn, kAlertChannel), woken_(woken) {}
  void operator()(const std::string&, int) override { woken_ = true; }

 private:
  bool& woken_;
};

std::string rfc5322_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

struct Outcome {
  std::optional<std::string> error;  // none: sent
  bool permanent = false;
};

Outcome send(pqxx::transaction_base& tx, const DueDelivery& d, const WorkerOptions& options) {
  if (d.channel == "browser") {
    feed::notify_feed(tx, boost::json::serialize(board_notice(d.facts)));
    return {};
  }
  if (d.channel == "email") {
    if (!d.relay) return {"the site has no SMTP relay set (smtp_host and smtp_from)", true};
    const std::string from_domain = d.relay->from.substr(d.relay->from.find('@') + 1);
    const std::string message_id =
        "alert-" + std::to_string(d.facts.alert_id) + "-" + std::to_string(d.id) + "@" + from_domain;
    return {send_email(*d.relay, d.recipient,
                       email_message(d.facts, d.relay->from, d.recipient, rfc5322_now(), message_id),
                       options.send_timeout)};
  }
  if (!d.webhook_secret) return {"the site has no webhook secret set", true};
  const std::string body = webhook_body(d.facts);
  const std::string timestamp = std::to_string(std::time(nullptr));
  return {post_json(d.recipient, body,
                    {"X-CellJourney-Timestamp: " + timestamp,
                     "X-CellJourney-Signature: " + webhook_signature(*d.webhook_secret, timestamp, body),
                     "X-CellJourney-Delivery: " + std::to_string(d.id)},
                    options.send_timeout)};
}

// One due delivery, claimed, sent and recorded in one transaction; false when none was due.
bool deliver_one(pqxx::connection_base& conn, const WorkerOptions& options) {
  pqxx::work tx(conn);
  const auto due = claim_due_delivery(tx);
  if (!due) return false;
  const Outcome outcome = send(tx, *due, options);
  if (!outcome.error) {
    record_sent(tx, *due);
    tx.commit();
    spdlog::info("alert {}: {} delivery {} sent ({})", due->facts.alert_id, due->channel, due->id, due->facts.purpose);
    return true;
  }
  const bool given_up = record_failure(tx, *due, *outcome.error, outcome.permanent);
  tx.commit();
  spdlog::warn("alert {}: {} delivery {} attempt {} failed{}: {}", due->facts.alert_id, due->channel, due->id,
               due->attempts + 1, given_up ? " (given up)" : "", *outcome.error);
  return true;
}

void escalate(pqxx::connection_base& conn) {
  pqxx::work tx(conn);
  const auto ids = escalate_due(tx);
  tx.commit();
  for (const auto id : ids) spdlog::warn("alert {}: unacknowledged past the site's time: escalated", id);
}

}  // namespace

AlertWorker::AlertWorker(std::string uri, WorkerOptions options)
    : uri_(db::with_connect_timeout(uri, std::chrono::seconds(5))), options_(options), thread_([this] { run(); }) {}

AlertWorker::~AlertWorker() { stop(); }

void AlertWorker::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void AlertWorker::run() {
  auto backoff = std::chrono::milliseconds(200);
  while (!stopping_) {
    try {
      pqxx::connection conn(uri_);
      bool woken = true;  // work right away: what was raised while no server ran
      Wakeup wakeup(conn, woken);
      backoff = std::chrono::milliseconds(200);
      auto last_pass = std::chrono::steady_clock::now() - options_.poll;
      while (!stopping_) {
        if (woken || std::chrono::steady_clock::now() - last_pass >= options_.poll) {
          woken = false;
          last_pass = std::chrono::steady_clock::now();
          escalate(conn);
          while (!stopping_ && deliver_one(conn, options_)) {
          }
        }
        conn.await_notification(0, 200 * 1000);  // wake five times a second to notice stop()
      }
      return;
    } catch (const std::exception& e) {
      spdlog::warn("alerts: the worker's database work failed, reconnecting: {}", e.what());
    }
    for (auto waited = std::chrono::milliseconds(0); waited < backoff && !stopping_;
         waited += std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

}  // namespace cj::alerts
