// NotificationListener: a thread holding one PostgreSQL connection that LISTENs on the feed
// channel and hands every notification to the FeedHub.
//
// It owns its connection (never shared with the workers: libpqxx delivers notifications only
// on a connection with no open transaction). When the connection drops it reconnects with
// backoff, and then tells every subscriber to resync, since notifications sent meanwhile are lost.
// FeedHub::listening() says whether LISTEN is in place.
#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace cj::feed {

class FeedHub;

class NotificationListener {
 public:
  /// Starts listening at once (the first connection is made on the listener's thread).
  NotificationListener(std::string uri, FeedHub& hub);
  ~NotificationListener();  // stop()s
  NotificationListener(const NotificationListener&) = delete;
  NotificationListener& operator=(const NotificationListener&) = delete;

  /// Stops within a fifth of a second and joins the thread.
  void stop();

 private:
  void run();

  std::string uri_;
  FeedHub& hub_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace cj::feed
