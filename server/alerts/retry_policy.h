// When a failed delivery is tried again, and when it is given up: after attempt n fails, the
// next is min(2^(n-1), 600) seconds later (1, 2, 4 ... 512, 600 s), and the 12th failure is the
// last (about 27 minutes of trying). An error that no retry can mend (the site has no SMTP relay
// or webhook secret set) is given up at once.
//
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <chrono>

namespace cj::alerts {

inline constexpr int kMaxAttempts = 12;

/// The wait after `attempts` failed attempts (attempts >= 1).
inline std::chrono::seconds retry_delay(int attempts) {
  const int exponent = std::clamp(attempts - 1, 0, 10);
  return std::chrono::seconds(std::min(1 << exponent, 600));
}

/// Whether a delivery that has failed `attempts` times is given up.
inline bool gives_up(int attempts) { return attempts >= kMaxAttempts; }

}  // namespace cj::alerts
