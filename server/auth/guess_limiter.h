// Slowing down password guessing, without a lock anyone could trigger to keep someone out.
//
// Failed logins and failed signature passwords count together, per account (the username typed,
// whether or not such an account exists: an unknown name is slowed exactly like a known one) and
// per client address. Below the limit an attempt goes ahead at once; from the limit on it waits
// first, 1 s, then 2 s, 4 s ... up to 30 s, one step per failure (or attempt still in flight)
// beyond the limit. Failures older than the window are forgotten; a success clears the account's
// count (not the address's: a valid account must not launder an address's guesses).
//
// Counts live in this server's memory: a restart forgets them, and servers sharing one database
// count separately (docs/security.md, "Sign-in and sessions").
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace cj::auth {

struct GuessLimits {
  std::size_t per_account = 5;   // failures per account within window before the delays start
  std::size_t per_address = 20;  // the same per client address (a ward PC is shared by many)
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds first_delay{1};
  std::chrono::seconds max_delay{30};
};

class GuessLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Outcome { kFailure, kSuccess, kNeither };

  explicit GuessLimiter(GuessLimits limits = {}) : limits_(limits) {}

  /// An attempt on account from address starts: how long it must wait before its password is
  /// checked. Every begin() is followed by one end() with the same account and address.
  Clock::duration begin(const std::string& account, const std::string& address, Clock::time_point now = Clock::now());
  /// The attempt's password was wrong (kFailure), right (kSuccess), or not checked (kNeither).
  void end(const std::string& account, const std::string& address, Outcome outcome,
           Clock::time_point now = Clock::now());
  /// Forgets the account's failures (an administrator unlocked it).
  void forget_account(const std::string& account);

 private:
  struct Count {
    std::deque<Clock::time_point> failures;  // within the window, oldest first
    std::size_t in_flight = 0;
  };
  std::size_t counted(Count& count, Clock::time_point now);
  void drop_if_empty(const std::string& key);

  static constexpr std::size_t kSweepEvery = 1024;
  const GuessLimits limits_;
  std::mutex mutex_;
  std::size_t begun_ = 0;                          // guarded by mutex_
  std::unordered_map<std::string, Count> counts_;  // "u:" + account, "a:" + address; guarded by mutex_
};

}  // namespace cj::auth
