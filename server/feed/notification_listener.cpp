#include "server/feed/notification_listener.h"

#include <algorithm>
#include <chrono>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/db/worker_pool.h"
#include "server/feed/feed_hub.h"

namespace cj::feed {

namespace {

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& conn, FeedHub& hub) : pqxx::notification_receiver(conn, kChannel), hub_(hub) {}
  void operator()(const std::string& payload, int) override { hub_.publish_notification(payload); }

 private:
  FeedHub& hub_;
};

}  // namespace

NotificationListener::NotificationListener(std::string uri, FeedHub& hub)
    : uri_(db::with_connect_timeout(uri, std::chrono::seconds(5))), hub_(hub), thread_([this] { run(); }) {}

NotificationListener::~NotificationListener() { stop(); }

void NotificationListener::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void NotificationListener::run() {
  auto backoff = std::chrono::milliseconds(200);
  bool lost_before = false;
  while (!stopping_) {
    try {
      pqxx::connection conn(uri_);
      Receiver receiver(conn, hub_);
      hub_.set_listening(true);
      backoff = std::chrono::milliseconds(200);
      if (lost_before) hub_.publish_all(R"({"type":"resync","reason":"the live feed reconnected"})");
      // Wake five times a second to notice stop().
      while (!stopping_) conn.await_notification(0, 200 * 1000);
      hub_.set_listening(false);
      return;
    } catch (const std::exception& e) {
      if (hub_.listening()) spdlog::warn("feed: lost the notification connection: {}", e.what());
      hub_.set_listening(false);
      lost_before = true;
    }
    for (auto waited = std::chrono::milliseconds(0); waited < backoff && !stopping_;
         waited += std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

}  // namespace cj::feed
