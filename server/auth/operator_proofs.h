// Whether each person named in an event proved, at that moment, that they were there
// (docs/security.md, "Operators at stations: badges, PINs and proofs").
//
// A proof is an operator token (server/auth/operator_token_routes.h) or, made offline, a
// libsodium sealed box of {"v":1, "badge", "pin", "station", "operator", "occurred_at",
// "idempotency_key"} sealed to the centre key's X25519 form. A token holds when it is bound to
// the caller, is the named person's and was alive when the event occurred (created_at - 5 min
// <= occurred_at <= expiry and end; shift: within the idle limit of its last use; witness: not
// used by another event). A sealed box holds when it opens, names this station, this event and
// the person, and the badge and PIN are that person's (argon2id, on this database worker).
//
// Guessing: a sealed PIN counts like a password (server/auth/guess_limiter.h, the person's
// account and the caller's address); while the person is in their delay, check_proofs throws
// TooManyAttempts and nothing may be recorded (the station keeps the event and sends it again).
// A wrong PIN counts as a failure and is written to admin_log (never the PIN).
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "server/api/app_context.h"
#include "server/api/principal.h"
#include "workflows/time_point.h"

namespace pqxx {
class transaction_base;
}

namespace cj::auth {

struct OperatorProof {
  std::string operator_name;
  std::string token;  // one of token and sealed (base64) is set
  std::string sealed;
};

/// The event the proofs are for.
struct ProofSubject {
  const api::Principal* caller = nullptr;
  std::string address;  // the caller's, for the guessing limiter
  std::string station;  // the event's
  std::string idempotency_key;
  workflows::TimePoint occurred_at{};
  std::vector<std::string> operators;  // each needs a proof (a user caller proves themselves)
};

struct ProofFindings {
  std::vector<std::string> unproven;  // "ann.w1: no sign-in proof", one per person
  std::vector<std::int64_t> tokens;   // the tokens used: mark_used() once the event is recorded
};

class TooManyAttempts : public std::runtime_error {
 public:
  TooManyAttempts(std::string who, std::chrono::seconds retry_after)
      : std::runtime_error("too many wrong PINs for " + who), retry_after_(retry_after) {}
  std::chrono::seconds retry_after() const { return retry_after_; }

 private:
  std::chrono::seconds retry_after_;
};

/// Checks every proof the subject needs (the tokens' rows are locked until tx ends). Throws
/// TooManyAttempts (nothing checked is kept) or pqxx errors.
ProofFindings check_proofs(pqxx::transaction_base& tx, api::AppContext& app, const ProofSubject& subject,
                           const std::vector<OperatorProof>& proofs);

/// The event that used tokens is recorded: shift tokens' last use moves to occurred_at (when
/// later), witness tokens are spent on event_id.
void mark_used(pqxx::transaction_base& tx, const std::vector<std::int64_t>& tokens, std::int64_t event_id,
               workflows::TimePoint occurred_at);

}  // namespace cj::auth
