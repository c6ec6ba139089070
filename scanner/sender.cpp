#include "scanner/sender.h"

#include <csignal>

#include <spdlog/spdlog.h>

namespace cj::scanner {

bool is_final_answer(int status) {
  if (status == 0 || status >= 500) return false;
  return status != 401 && status != 408 && status != 429;
}

Sender::Sender(Outbox& outbox, Poster& poster, SenderOptions options, std::function<void(const SenderNews&)> notify)
    : outbox_(outbox), poster_(poster), options_(options), notify_(std::move(notify)) {}

Sender::~Sender() { stop(); }

void Sender::start() {
  thread_ = std::thread([this] { run(); });
}

void Sender::wake() {
  std::lock_guard lock(mutex_);
  woken_ = true;
  wake_.notify_all();
}

void Sender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void Sender::run() {
  auto backoff = options_.first_backoff;
  for (;;) {
    std::chrono::milliseconds wait{0};
    {
      std::unique_lock lock(mutex_);
      if (stopping_) return;
    }
    const auto pending = options_.hold ? std::vector<OutboxEntry>{} : outbox_.pending();
    if (pending.empty()) {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || woken_; });
      woken_ = false;
      continue;
    }
    const OutboxEntry& entry = pending.front();
    const PostAnswer answer = poster_.post_scan(entry.event_json);
    if (is_final_answer(answer.status)) {
      if (options_.kill_after_answer) {
        spdlog::warn("test hook: killing the station after the answer to {}, before recording it", entry.key);
        std::raise(SIGKILL);
      }
      outbox_.record_answer(entry.key, answer.status, answer.body);
      spdlog::info("scan {} (seq {}) answered {}", entry.key, entry.seq, answer.status);
      SenderNews news{SenderNews::Kind::Answered, entry, {}, std::chrono::milliseconds(0)};
      news.entry.answered = true;
      news.entry.status = answer.status;
      news.entry.answer = answer.body;
      notify_(news);
      backoff = options_.first_backoff;
      continue;
    }
    const std::string why = answer.status == 0 ? answer.error : "HTTP " + std::to_string(answer.status);
    spdlog::warn("scan {} (seq {}) not answered ({}); retrying in {} ms", entry.key, entry.seq, why, backoff.count());
    notify_(SenderNews{SenderNews::Kind::NoAnswer, entry, why, backoff});
    wait = backoff;
    backoff = std::min(backoff * 2, options_.max_backoff);
    std::unique_lock lock(mutex_);
    // A new scan set (wake) cuts the wait short: the nurse's scan should go out at once if the
    // server is back. The oldest entry still goes first.
    wake_.wait_for(lock, wait, [&] { return stopping_ || woken_; });
    woken_ = false;
  }
}

}  // namespace cj::scanner
