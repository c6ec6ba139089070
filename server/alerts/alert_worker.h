// The alert worker of `celljourney serve`: one thread with its own PostgreSQL connection that
// delivers the outbox (alert_outbox.h) and escalates what nobody acknowledged.
//
//   alerts::AlertWorker alerts(app_uri, {});   // starts at once
//   ...
//   alerts.stop();                              // before the database goes
//
// Never on a scan's path: the alert rows are written by the transaction that raised them; this
// thread only reads and sends after their commit. It wakes on NOTIFY celljourney_alerts (one per
// alert, sent at commit by migration 0019's alert_fan_out), and polls once a second besides
// (retries come due, escalation times pass, a notification lost while reconnecting). A relay
// that is down costs this thread the send timeout per attempt, and nothing else.
//
// Thread-safety: construct and stop() from one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace cj::alerts {

struct WorkerOptions {
  std::chrono::seconds send_timeout{10};  // one SMTP conversation or webhook POST
  std::chrono::milliseconds poll{1000};   // the longest wait without a notification
};

class AlertWorker {
 public:
  AlertWorker(std::string uri, WorkerOptions options);
  ~AlertWorker();  // stop()s
  AlertWorker(const AlertWorker&) = delete;
  AlertWorker& operator=(const AlertWorker&) = delete;

  /// Stops after the send in flight (at most the send timeout) and joins the thread.
  void stop();

 private:
  void run();

  std::string uri_;
  WorkerOptions options_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace cj::alerts
