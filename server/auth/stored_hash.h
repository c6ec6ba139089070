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

}  // namespace cj::auth
