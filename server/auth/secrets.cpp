#include "server/auth/secrets.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace cj::auth {

namespace {

constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kSecretChars = 43;  // base64 of 32 bytes, no padding
constexpr std::size_t kMinPasswordChars = 12;
constexpr std::size_t kMaxPasswordBytes = 256;

// sodium_init() is idempotent and thread-safe after its first return; call it once anyway.
void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("cannot hash a password: out of memory");
  }
  return std::string(out.data());
}

bool verify_password(std::string_view password, const std::string& hash) {
  ensure_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_against_dummy(std::string_view password) {
  // A hash of a random password nobody knows, made once with the same parameters as real ones.
  static const std::string dummy = hash_password(new_secret());
  (void)verify_password(password, dummy);
}

std::string password_problem(std::string_view password, std::string_view username) {
  if (code_points(password) < kMinPasswordChars) {
    return "The password must have at least " + std::to_string(kMinPasswordChars) + " characters.";
  }
  if (password.size() > kMaxPasswordBytes) {
    return "The password must have at most " + std::to_string(kMaxPasswordBytes) + " bytes.";
  }
  if (password.find('\0') != std::string_view::npos) return "The password must not contain NUL characters.";
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); })) {
    return "The password must not be one character repeated.";
  }
  if (!username.empty() && lowercase(password).find(lowercase(username)) != std::string::npos) {
    return "The password must not contain the username.";
  }
  return {};
}

std::string new_secret() {
  ensure_sodium();
  std::array<unsigned char, kSecretBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, kSecretChars + 1> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(text.data(), kSecretChars);
}

bool looks_like_secret(std::string_view text) {
  return text.size() == kSecretChars && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

std::string secret_hash_hex(std::string_view secret) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

}  // namespace cj::auth
