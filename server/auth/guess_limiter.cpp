#include "server/auth/guess_limiter.h"

#include <algorithm>

namespace cj::auth {

namespace {
std::string account_key(const std::string& account) { return "u:" + account; }
std::string address_key(const std::string& address) { return "a:" + address; }
}  // namespace

std::size_t GuessLimiter::counted(Count& count, Clock::time_point now) {
  while (!count.failures.empty() && now - count.failures.front() >= limits_.window) count.failures.pop_front();
  return count.failures.size() + count.in_flight;
}

void GuessLimiter::drop_if_empty(const std::string& key) {
  const auto it = counts_.find(key);
  if (it != counts_.end() && it->second.failures.empty() && it->second.in_flight == 0) counts_.erase(it);
}

GuessLimiter::Clock::duration GuessLimiter::begin(const std::string& account, const std::string& address,
                                                  Clock::time_point now) {
  std::lock_guard lock(mutex_);
  // Names typed once and never again (a spray of usernames) would stay forever: now and then,
  // forget every count that has nothing left in its window.
  if (++begun_ % kSweepEvery == 0) {
    for (auto it = counts_.begin(); it != counts_.end();) {
      it = (counted(it->second, now) == 0) ? counts_.erase(it) : std::next(it);
    }
  }
  auto& by_account = counts_[account_key(account)];
  auto& by_address = counts_[address_key(address)];
  const std::size_t over_account = counted(by_account, now) + 1;  // this attempt included
  const std::size_t over_address = counted(by_address, now) + 1;
  ++by_account.in_flight;
  ++by_address.in_flight;
  // Steps beyond the limit: the (limit+1)th attempt is the first to wait.
  std::size_t steps = 0;
  if (over_account > limits_.per_account) steps = std::max(steps, over_account - limits_.per_account);
  if (over_address > limits_.per_address) steps = std::max(steps, over_address - limits_.per_address);
  if (steps == 0) return Clock::duration::zero();
  Clock::duration delay = limits_.first_delay;
  for (std::size_t i = 1; i < steps && delay < limits_.max_delay; ++i) delay *= 2;
  return std::min<Clock::duration>(delay, limits_.max_delay);
}

void GuessLimiter::end(const std::string& account, const std::string& address, Outcome outcome, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  for (const auto& key : {account_key(account), address_key(address)}) {
    auto& count = counts_[key];
    if (count.in_flight > 0) --count.in_flight;
    if (outcome == Outcome::kFailure) count.failures.push_back(now);
  }
  if (outcome == Outcome::kSuccess) counts_[account_key(account)].failures.clear();
  drop_if_empty(account_key(account));
  drop_if_empty(address_key(address));
}

void GuessLimiter::forget_account(const std::string& account) {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(account_key(account));
  if (it == counts_.end()) return;
  it->second.failures.clear();
  drop_if_empty(account_key(account));
}

}  // namespace cj::auth
