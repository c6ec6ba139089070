// What checking a password needs besides the database: the guessing limiter, the hashing pool,
// and a timer to hold a delayed attempt without holding a thread (server/serve/password_dispatch.cpp
// runs the steps). One per server, owned by the serve command.
//
// Thread-safety: every member may be used from any thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "server/auth/guess_limiter.h"
#include "server/auth/hash_pool.h"

namespace cj::auth {

struct SignInOptions {
  GuessLimits limits;
  std::size_t hash_threads = 0;       // cores hashing passwords; 0: 1 on up to 4 cores, else 2
  std::size_t hash_queue_limit = 16;  // attempts waiting for them; more: 503 BUSY
};

class SignIn {
 public:
  explicit SignIn(SignInOptions options = {});
  ~SignIn();  // cancels pending delays (their jobs never run), stops the pool
  SignIn(const SignIn&) = delete;
  SignIn& operator=(const SignIn&) = delete;

  GuessLimiter& limiter() { return limiter_; }
  HashPool& hashes() { return hashes_; }
  /// Runs job on the timer's thread after delay (at once when it is zero or less); job must
  /// only hand work on (post it somewhere), not do it.
  void after(std::chrono::steady_clock::duration delay, std::function<void()> job);

 private:
  struct Timer;
  GuessLimiter limiter_;
  HashPool hashes_;
  std::unique_ptr<Timer> timer_;
};

}  // namespace cj::auth
