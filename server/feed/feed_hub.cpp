#include "server/feed/feed_hub.h"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <spdlog/spdlog.h>

namespace cj::feed {

void FeedHub::join(const std::shared_ptr<Subscriber>& subscriber, std::vector<std::int64_t> site_ids) {
  std::lock_guard lock(mutex_);
  subscribers_[subscriber.get()] = Entry{subscriber, std::move(site_ids)};
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
