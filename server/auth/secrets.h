// Passwords, session tokens and station keys: how they are made, checked and stored.
//
// Passwords are stored as argon2id hashes in libsodium's crypto_pwhash_str format
// ("$argon2id$v=19$m=65536,t=2,p=1$..."), at the INTERACTIVE cost (about 64 MiB and 50-100 ms per
// hash): slow enough to make a stolen table expensive to crack, fast enough for a login.
// Tokens and keys are 32 random bytes shown to their holder as base64url (43 characters);
// the database keeps only their SHA-256, so a copy of it lets nobody log in.
//
// Thread-safety: every function may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace cj::auth {

/// The argon2id hash of password. Throws std::runtime_error when libsodium cannot allocate.
std::string hash_password(std::string_view password);

/// True when password matches hash (a crypto_pwhash_str string).
bool verify_password(std::string_view password, const std::string& hash);

/// Spends the time of one verify_password() on a hash that matches nothing: a login for an
/// unknown user takes as long as one with a wrong password, so timing does not reveal
/// which usernames exist.
void verify_against_dummy(std::string_view password);

/// A new session token or station key: 32 random bytes, base64url without padding.
std::string new_secret();

/// True when text has the shape new_secret() produces (43 base64url characters).
bool looks_like_secret(std::string_view text);

/// Lowercase hex SHA-256 of a token or key: what sessions.token_hash / stations.key_hash hold
/// (bind it as decode($n, 'hex')).
std::string secret_hash_hex(std::string_view secret);

}  // namespace cj::auth
