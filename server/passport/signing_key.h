// A centre's signing key: Ed25519 (libsodium crypto_sign_*), the key file that holds it, and the
// base64 and fingerprint forms its public half travels in.
//
//   SigningKey key = SigningKey::generate();
//   write_key_file("centre.key", key);             // 0600, refuses to overwrite
//   std::string sig = key.sign(bytes);             // 64 raw bytes, detached
//   verify_signature(bytes, sig, key.public_key()) // true
//
// Where the secret lives, and why: in a file readable by its owner only (mode 0600), named by
// --key-file, never in the database. The database is copied far and wide (backups, replicas,
// support dumps); a key in it would let anyone holding a copy issue passports in the centre's
// name. A file can sit on an encrypted volume, an HSM-backed mount or removable media, and the
// secret is never printed. Reading refuses a file that group or others may read.
//
// Key file format (text): "celljourney-centre-key/1\n" then the 64-byte libsodium secret key
// (seed and public key) in standard base64, then "\n".
//
// Thread-safety: SigningKey is immutable after construction; the functions are thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace cj::passport {

class SigningKey {
 public:
  /// A new random key pair.
  static SigningKey generate();
  /// From the 64 raw bytes of a libsodium secret key; nullopt when of the wrong size.
  static std::optional<SigningKey> from_secret(std::string_view secret);

  SigningKey(const SigningKey&) = default;
  SigningKey& operator=(const SigningKey&) = default;
  ~SigningKey();  // wipes the secret from memory

  /// The 32 raw bytes of the public key.
  std::string public_key() const;
  /// The detached Ed25519 signature of message (64 raw bytes).
  std::string sign(std::string_view message) const;
  /// The X25519 form of the public key (crypto_sign_ed25519_pk_to_curve25519, 32 raw bytes):
  /// what stations seal operators' offline proofs to.
  std::string sealing_public_key() const;
  /// The plaintext of a libsodium sealed box (raw bytes) sealed to sealing_public_key(), or
  /// nullopt when it does not open (another key, tampered, too short).
  std::optional<std::string> open_sealed(std::string_view box) const;
  /// The 64 raw secret bytes, for write_key_file only.
  const std::string& secret() const { return secret_; }

 private:
  explicit SigningKey(std::string secret) : secret_(std::move(secret)) {}
  std::string secret_;
};

/// True when signature (64 raw bytes) is public_key's (32 raw bytes) signature of message.
bool verify_signature(std::string_view message, std::string_view signature, std::string_view public_key);

/// Lowercase hex SHA-256 of the 32 raw public-key bytes: how people compare keys by eye.
std::string fingerprint(std::string_view public_key);

/// Standard base64 with padding (RFC 4648 §4).
std::string to_base64(std::string_view bytes);
/// The bytes of standard padded base64; nullopt for anything else (whitespace included).
std::optional<std::string> from_base64(std::string_view text);

/// Creates path with mode 0600 (never overwriting an existing file) holding key. Returns an
/// empty string when written, else why not.
std::string write_key_file(const std::filesystem::path& path, const SigningKey& key);
/// Reads a key file; nullopt with *error set when missing, malformed, or readable by others.
std::optional<SigningKey> read_key_file(const std::filesystem::path& path, std::string* error);

}  // namespace cj::passport
