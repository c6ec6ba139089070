// Sealed proofs (contract C): offline, a person's badge read and PIN go to the server only inside
// a libsodium sealed box (crypto_box_seal) to the centre's X25519 sealing key, which the station
// fetched while online and keeps next to its outbox. Only the server can open it; the station
// cannot check a PIN by itself.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "scanner/secret.h"

namespace cj::scanner {

struct SealingKey {
  std::string key_base64;  // 32-byte X25519 public key
  std::string key_id;      // 16 hex characters
};

// Reads {"key", "key_id"} (the server's answer, or the cache file); nullopt when not that shape
// or the key is not 32 bytes.
std::optional<SealingKey> read_sealing_key(const std::string& json_text);
std::optional<SealingKey> load_sealing_key(const std::filesystem::path& file);
// Writes the key to `file` (via a temporary file and rename). Throws std::runtime_error.
void save_sealing_key(const std::filesystem::path& file, const SealingKey& key);

struct SealedFacts {
  std::string station;
  std::string operator_name;
  std::string occurred_at;
  std::string idempotency_key;
};

// base64 of crypto_box_seal({"v":1,"badge","pin","station","operator","occurred_at",
// "idempotency_key"}); the plaintext lives in guarded memory and is wiped. Throws
// std::runtime_error when the key cannot be used.
std::string seal_proof(const SealingKey& key, const SecretText& badge, const SecretText& pin, const SealedFacts& facts);

}  // namespace cj::scanner
