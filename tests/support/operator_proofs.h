// The people of a test event prove they were there (docs/security.md, "Operators at stations"):
// every seeded user (ApiSuite::add_user) has the badge badge_of(username) and the PIN kPin, and
// every suite's server has a centre key, so that a test can sign a person in at a station and
// seal proofs for events of any time (the scenarios' events are in the past, before any token).
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "tests/support/api_client.h"

namespace cj::testing {

/// The PIN of every seeded user.
inline constexpr const char* kPin = "246813";
/// The badge (a hospital badge's code) of a seeded user.
inline std::string badge_of(const std::string& username) { return "badge-" + username; }

/// POST /api/v1/operator-tokens as caller (a station, or a desk user) for username with their
/// badge and kPin; the token (the test fails when it is refused).
std::string sign_in_operator(const ApiClient& caller, const std::string& username,
                             const std::string& purpose = "shift");

/// event with a proof sealed to the server's key (GET .../sealing-key as caller) for each name in
/// its "operators" but skip (a desk caller proves themselves), made with their badge and kPin for
/// the event's station, occurred_at and idempotency_key; existing proofs are kept.
boost::json::object with_proofs(const ApiClient& caller, boost::json::object event, const std::string& skip = "");

/// The base64 sealed proof itself (for tests that change one part of it).
std::string sealed_proof(const ApiClient& caller, const boost::json::object& plaintext);

}  // namespace cj::testing
