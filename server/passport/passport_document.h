// The staff passport document: a person's current qualifications, signed by the issuing centre's
// Ed25519 key, and its verification at another centre (docs/passport.md).
//
//   {"format": "celljourney-passport/1", "passport_id": "<32 hex>",
//    "centre": {"name": "...", "public_key": "<base64>", "fingerprint": "<sha-256 hex>"},
//    "person": {"name": "Ann Smith", "username": "ann"},
//    "qualifications": [{"qualification": "kymriah", "valid_from": "...Z", "valid_until": "...Z"|null,
//                        "issuing_centre": "..."|null}],
//    "issued_at": "...Z", "expires_at": "...Z", "signature": "<base64>"}
//
// The signature is Ed25519 over the canonical JSON (server/journal/canonical_json.h: sorted keys,
// no whitespace) of the document without its "signature" member; so whitespace and key order in
// the file do not matter, and any change to a value does. Times are UTC "YYYY-MM-DDTHH:MM:SSZ",
// which order as text the way they order in time.
//
// Verification answers a stable refusal code (docs/passport.md), checked in this order:
// MALFORMED (not a v1 passport of the right shape), TAMPERED (signature does not match the
// embedded key), UNTRUSTED_CENTRE (key not registered here), CENTRE_REVOKED (trust withdrawn),
// NOT_YET_VALID (issued in the future), EXPIRED.
//
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "server/passport/signing_key.h"

namespace cj::passport {

inline constexpr std::string_view kFormat = "celljourney-passport/1";

struct PassportQualification {
  std::string qualification;                  // "car-t-core", "kymriah"
  std::string valid_from;                     // UTC, "2026-01-15T00:00:00Z"
  std::optional<std::string> valid_until;     // none: no end set by the issuer
  std::optional<std::string> issuing_centre;  // as recorded at the issuer; none: the issuer itself
};

struct Passport {
  std::string passport_id;  // 32 lowercase hex (16 random bytes)
  std::string centre_name;
  std::string public_key;  // base64 of the 32 raw bytes
  std::string person_name;
  std::string person_username;  // the person's login at the issuing centre (informative)
  std::vector<PassportQualification> qualifications;
  std::string issued_at;
  std::string expires_at;
};

/// A new random passport id (32 lowercase hex).
std::string new_passport_id();

/// The signed document. The key's public half replaces passport.public_key.
boost::json::object sign_passport(Passport passport, const SigningKey& key);

/// Why a passport is refused: code as above, message for the administrator.
struct Refusal {
  std::string code;
  std::string message;
};

enum class Trust { kUnknown, kTrusted, kRevoked };
/// Given a public key (base64), whether this centre trusts it.
using TrustLookup = std::function<Trust(const std::string& public_key)>;

struct Verification {
  std::optional<Passport> passport;  // set when accepted
  boost::json::object document;      // the parsed document (when it parsed)
  Refusal refusal;                   // when not
  bool ok() const { return passport.has_value(); }
};

/// Verifies text (the file's bytes) at time now (UTC, as above) against the trusted keys.
/// latest_issue: the latest issued_at accepted (now plus the clock skew tolerated between
/// centres); empty means now.
Verification verify_passport(std::string_view text, std::string_view now, const TrustLookup& trusted,
                             std::string_view latest_issue = {});

/// True when text is a UTC time in the passport's form.
bool is_utc_time(std::string_view text);

}  // namespace cj::passport
