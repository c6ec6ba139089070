// FeedHub: the live feed's subscribers, and the fan-out of each change to those allowed to see it.
//
// Changes reach the hub from PostgreSQL (LISTEN celljourney_feed, see notification_listener.h),
// never straight from a handler: so every server on one database pushes every change, whichever
// server recorded it.
//
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <cstdint>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace cj::feed {

/// The NOTIFY channel. Payload: a JSON object with at least "site_id" (the site it concerns).
inline constexpr const char* kChannel = "celljourney_feed";

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  /// Queues text for sending; called from any thread, must not block.
  virtual void send(std::shared_ptr<const std::string> text) = 0;
  /// Ends the connection now (its session ended or its rights changed); from any thread.
  virtual void close() = 0;
};

/// Whose feed a subscriber is: a person's session (ids 0 for a station).
struct FeedOwner {
  std::int64_t user_id = 0;
  std::int64_t session_id = 0;
};

class FeedHub {
 public:
  /// site_ids: the sites this subscriber may see (and asked for).
  void join(const std::shared_ptr<Subscriber>& subscriber, std::vector<std::int64_t> site_ids, FeedOwner owner = {});
  void leave(const Subscriber* subscriber);

  /// Sends payload to every subscriber that may see site_id.
  void publish(std::int64_t site_id, const std::string& payload);

  /// Sends payload to every subscriber (e.g. "resync" after the listener lost notifications).
  void publish_all(const std::string& payload);

  /// Parses a NOTIFY payload and publishes it; payloads without a numeric site_id are dropped.
  void publish_notification(const std::string& payload);

  /// Closes every feed of user_id (deactivated, locked, a role removed, signed out everywhere),
  /// or of the given sessions (logged out, ended by a newer one); returns how many.
  /// Called after the change is committed: a feed opened meanwhile is refused by then.
  std::size_t close_user(std::int64_t user_id);
  std::size_t close_sessions(const std::vector<std::int64_t>& session_ids);

  std::size_t subscriber_count() const;

  /// Whether the notification listener is connected and LISTENing (changes flow).
  bool listening() const { return listening_.load(); }
  void set_listening(bool listening) { listening_.store(listening); }

 private:
  struct Entry {
    std::weak_ptr<Subscriber> subscriber;
    std::vector<std::int64_t> site_ids;
    FeedOwner owner;
  };
  template <class Match>
  std::size_t close_if(Match match);
  std::atomic<bool> listening_{false};
  mutable std::mutex mutex_;
  std::unordered_map<const Subscriber*, Entry> subscribers_;  // guarded by mutex_
};

}  // namespace cj::feed
