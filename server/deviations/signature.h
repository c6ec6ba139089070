// Electronic signatures (21 CFR Part 11 §11.50, §11.70, §11.200; EU GMP Annex 11 §14).
//
// A signature re-asks the signer's password at the moment of signing, records who signed
// (printed name at that time), when, its meaning (review, approval, responsibility,
// authorship) and the reason, and binds itself to a SHA-256 of exactly what was signed, so a
// later change of that record shows.
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/value.hpp>

namespace pqxx {
class transaction_base;
}

namespace cj::deviations {

struct Signature {
  std::int64_t id = 0;
  std::string signer;       // username
  std::string signer_name;  // display name at signing time
  std::string meaning;
  std::string reason;
  std::string signed_at;    // "2026-11-20T10:00:00Z"
  std::string signed_hash;  // 64 hex digits
};

/// The meanings a signature may carry.
bool valid_meaning(const std::string& meaning);

/// Records user_id's signature over `signed` (its canonical JSON is hashed). password_matches:
/// the password the signer typed was checked against theirs (on the hashing pool, counted
/// against guessing: a route with api::Access::password, call.password_matches). Throws
/// base::Failure (forbidden) SIGNATURE_REFUSED when it did not match or the account is inactive
/// or locked, 400 INVALID_FIELD for a meaning outside valid_meaning() or a blank reason.
Signature sign(pqxx::transaction_base& tx, std::int64_t user_id, bool password_matches, const std::string& meaning,
               const std::string& reason, const boost::json::value& signed_record);

boost::json::object to_json(const Signature& signature);

}  // namespace cj::deviations
