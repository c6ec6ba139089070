// Sender: a thread that empties the outbox into the server, oldest first. A scan set is sent
// until it gets a final answer: no answer, a 5xx, 401 (station key not (yet) valid), 408 or 429
// is retried after a backoff that doubles up to a cap, for as long as it takes, and nothing
// newer is sent meanwhile (order matters to the workflows). Any other answer (200 accepted, 422
// refused, 4xx) is final: recorded in the outbox and reported. Replays are safe: the server
// answers a known idempotency key with its first answer and records nothing new.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "scanner/outbox.h"
#include "scanner/poster.h"

namespace cj::scanner {

struct SenderOptions {
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
  // Test hooks, set from the environment by main() only (see docs/stations.md, "Testing"):
  bool hold = false;               // never send (the outbox keeps everything)
  bool kill_after_answer = false;  // SIGKILL this process after an answer, before recording it
};

struct SenderNews {
  enum class Kind { Answered, NoAnswer };
  Kind kind = Kind::Answered;
  OutboxEntry entry;  // answered: with status and answer filled in
  std::string error;  // NoAnswer: why ("connection refused", "503")
  std::chrono::milliseconds retry_in{0};
};

// True when `status` ends the sending of one scan set.
bool is_final_answer(int status);

class Sender {
 public:
  // `notify` runs on the sender's thread; keep it short (queue and wake the screen).
  Sender(Outbox& outbox, Poster& poster, SenderOptions options, std::function<void(const SenderNews&)> notify);
  ~Sender();  // stop()s
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  void start();
  void wake();  // a new entry is in the outbox: send now, even during a backoff
  void stop();  // waits for the current post (bounded by the poster's timeout)

 private:
  void run();

  Outbox& outbox_;
  Poster& poster_;
  SenderOptions options_;
  std::function<void(const SenderNews&)> notify_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace cj::scanner
