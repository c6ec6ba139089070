// Whether a PIN is acceptable (PUT /api/v1/users/{u}/pin, PUT /api/v1/session/pin,
// `celljourney user pin`): 6 to 12 digits, not one digit repeated (111111), not an ascending or
// descending run (123456, 987654). A PIN is short: what makes it safe is the guessing limiter
// (server/auth/guess_limiter.h), the badge it goes with, and argon2id at rest.
//
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace cj::auth {

/// Why pin is not acceptable, or empty when it is. Never quotes the PIN.
std::string pin_problem(std::string_view pin);

}  // namespace cj::auth
