// SHA-256 and hex, as the journal's hash chain and idempotency keys use them (libsodium).
//
//   std::string h = sha256(bytes);            // 32 raw bytes
//   std::string link = chain_hash(prev, canonical);   // SHA-256(prev || canonical)
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cj::journal {

/// The prev_hash of a journey's first event: 32 zero bytes.
const std::string& zero_hash();

/// SHA-256 of bytes: 32 raw bytes.
std::string sha256(std::string_view bytes);

/// One link of the chain: SHA-256(prev_hash || canonical). REQUIRES prev_hash is 32 bytes.
std::string chain_hash(std::string_view prev_hash, std::string_view canonical);

/// Lowercase hex of bytes ("00ff...").
std::string to_hex(std::string_view bytes);
/// The bytes of lowercase or uppercase hex; nullopt when not hex or of odd length.
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace cj::journal
