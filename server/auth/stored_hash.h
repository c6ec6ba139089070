// Reading the password hash a password is checked against.
#pragma once

#include <optional>
#include <string>

namespace pqxx {
class transaction_base;
}

namespace cj::auth {

/// The stored argon2id hash of username's password; nullopt when there is no such account.
/// Deactivated and locked accounts have theirs too: the handler refuses them after the check,
/// so that a wrong password never learns an account's state.
std::optional<std::string> stored_password_hash(pqxx::transaction_base& tx, const std::string& username);

/// The person a sign-in at a station names, by badge key or username, and their PIN's hash.
struct StoredPin {
  std::string account;  // their username; for nobody, "badge:" + the key or the name typed
  std::string hash;     // empty: no such person, or no PIN set
};
/// badge_key: a key of server/auth/badge_key.h (checked); otherwise the username.
StoredPin stored_pin_hash(pqxx::transaction_base& tx, const std::string& badge_key, const std::string& username);

}  // namespace cj::auth
