// The webhook's signature: the receiver checks that a POST came from this installation and was
// not replayed.
//
//   X-CellJourney-Timestamp: 1796380800                 (Unix seconds when it was sent)
//   X-CellJourney-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
//
// The timestamp is inside the signed data, so a receiver that refuses timestamps older than a
// few minutes refuses a captured request sent again; the body is signed byte for byte as sent.
// docs/quality.md "Alerts" shows how a receiver verifies.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace cj::alerts {

/// Lowercase hex HMAC-SHA256 of data under key.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

/// "sha256=<hex>" over timestamp + "." + body: the X-CellJourney-Signature header's value.
std::string webhook_signature(std::string_view secret, std::string_view timestamp, std::string_view body);

/// Whether header is webhook_signature(secret, timestamp, body), compared in constant time.
bool signature_matches(std::string_view secret, std::string_view timestamp, std::string_view body,
                       std::string_view header);

}  // namespace cj::alerts
