// Whether a new password is good enough, wherever one is set (POST /api/v1/users,
// `celljourney user add`).
//
// libpwquality (with cracklib's dictionary, Debian's cracklib-runtime) judges the password as a
// whole, and once more with the digits and symbols around its letters stripped: cracklib alone
// passes "password1234", the commonest way to stretch a dictionary word to a minimum length.
// On top: at least 12 characters (code points), at most 256 bytes, no NUL, not the username.
//
// Thread-safety: may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace cj::auth {

/// Why password is not acceptable for username, or empty when it is. A refusal by libpwquality
/// carries its own reason (pwquality_strerror), e.g. "The password fails the dictionary check -
/// it is too simplistic/systematic".
std::string password_problem(std::string_view password, std::string_view username);

}  // namespace cj::auth
