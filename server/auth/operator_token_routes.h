// Signing a person in at a station (or as a desk witness): badge or username + PIN in, a short
// operator token out, bound to the caller (docs/security.md, "Operators at stations").
//
//   POST /api/v1/operator-tokens              stations, recorders: {"badge"|"username", "pin",
//                                             "purpose": "shift"|"witness"} -> 201 token, person
//   POST /api/v1/operator-tokens/end          the caller the token is bound to: {"token"} -> 204
//   GET  /api/v1/operator-tokens/sealing-key  stations, recorders: the X25519 key offline proofs
//                                             are sealed to (503 NO_SEALING_KEY without one)
//
// The PIN is checked like a password (Access::pin: guessing limiter, hashing pool, the same 401
// for an unknown badge and a wrong PIN), each failure in admin_log, never the PIN.
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::auth {

std::vector<api::Route> operator_token_routes();

}  // namespace cj::auth
