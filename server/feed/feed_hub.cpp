#include "server/feed/feed_hub.h"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <spdlog/spdlog.h>

namespace cj::feed {

void FeedHub::join(const std::shared_ptr<Subscriber>& subscriber, std::vector<std::int64_t> site_ids, FeedOwner owner) {
  std::lock_guard lock(mutex_);
  subscribers_[subscriber.get()] = Entry{subscriber, std::move(site_ids), owner};
}

template <class Match>
std::size_t FeedHub::close_if(Match match) {
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mutex_);
    for (auto it = subscribers_.begin(); it != subscribers_.end();) {
      if (!match(it->second.owner)) {
        ++it;
        continue;
      }
      // Out of the hub at once: nothing more is sent to it while it closes.
      if (auto s = it->second.subscriber.lock()) targets.push_back(std::move(s));
      it = subscribers_.erase(it);
    }
  }
  for (auto& s : targets) s->close();
  return targets.size();
}

std::size_t FeedHub::close_user(std::int64_t user_id) {
  if (user_id == 0) return 0;
  const std::size_t n = close_if([&](const FeedOwner& o) { return o.user_id == user_id; });
  if (n > 0) spdlog::info("feed: closed {} feed(s) of user {}", n, user_id);
  return n;
}

std::size_t FeedHub::close_sessions(const std::vector<std::int64_t>& session_ids) {
  const std::size_t n = close_if([&](const FeedOwner& o) {
    return o.session_id != 0 && std::find(session_ids.begin(), session_ids.end(), o.session_id) != session_ids.end();
  });
  if (n > 0) spdlog::info("feed: closed {} feed(s) of ended sessions", n);
  return n;
}

void FeedHub::leave(const Subscriber* subscriber) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(subscriber);
}

void FeedHub::publish(std::int64_t site_id, const std::string& payload) {
  auto text = std::make_shared<const std::string>(payload);
  // Collect under the lock, send outside it: send() may take a session's own locks.
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, entry] : subscribers_) {
      if (std::find(entry.site_ids.begin(), entry.site_ids.end(), site_id) == entry.site_ids.end()) continue;
      if (auto s = entry.subscriber.lock()) targets.push_back(std::move(s));
    }
  }
  for (auto& s : targets) s->send(text);
}

void FeedHub::publish_all(const std::string& payload) {
  auto text = std::make_shared<const std::string>(payload);
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, entry] : subscribers_) {
      if (auto s = entry.subscriber.lock()) targets.push_back(std::move(s));
    }
  }
  for (auto& s : targets) s->send(text);
}

void FeedHub::publish_notification(const std::string& payload) {
  boost::system::error_code ec;
  auto value = boost::json::parse(payload, ec);
  const auto* object = ec ? nullptr : value.if_object();
  const auto* site = object ? object->if_contains("site_id") : nullptr;
  if (!site || !site->is_int64()) {
    spdlog::warn("feed: dropped a notification without a site_id");
    return;
  }
  publish(site->as_int64(), payload);
}

std::size_t FeedHub::subscriber_count() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

}  // namespace cj::feed
