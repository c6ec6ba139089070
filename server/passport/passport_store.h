// The passport's database side: this centre's identity, the centres it trusts, exporting a
// person's passport and importing one from another centre (tables of migration 0008).
// Used by the `celljourney centre` / `celljourney passport` commands and the API.
//
// Every change is written to admin_log in the caller's transaction: centre.key_init,
// centre.trust_add, centre.trust_revoke, passport.export, passport.import and passport.refuse
// (a refused import is recorded too, so the caller commits even then).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "server/passport/passport_document.h"

namespace pqxx {
class transaction_base;
}

namespace cj::passport {

/// How long an exported passport is valid.
inline constexpr int kPassportValidityDays = 90;

struct CentreIdentity {
  std::string name;
  std::string public_key;  // base64
  std::string fingerprint;
};

/// This installation's issuing identity, when `centre key init` has run.
std::optional<CentreIdentity> centre_identity(pqxx::transaction_base& tx);

/// Records this centre's name and public key. 409 CENTRE_KEY_EXISTS when one is recorded.
CentreIdentity init_centre(pqxx::transaction_base& tx, const std::string& name, const SigningKey& key,
                           const std::string& actor);

/// Trusts public_key (base64 of 32 bytes) as centre name. 400 INVALID_FIELD for a bad key or
/// name, 409 CENTRE_EXISTS when the name or key is registered already.
CentreIdentity trust_centre(pqxx::transaction_base& tx, const std::string& name, const std::string& public_key,
                            const std::string& actor);
/// Withdraws trust in centre name (passports from it are then refused CENTRE_REVOKED). 404 when unknown.
void revoke_centre(pqxx::transaction_base& tx, const std::string& name, const std::string& actor);

/// The signed passport of username: their qualifications recorded at this centre (not those
/// imported from others) that are current now, valid kPassportValidityDays. 404 for an unknown
/// user; 409 NO_CENTRE_KEY before `centre key init`, KEY_MISMATCH when key is not the recorded one.
boost::json::object export_passport(pqxx::transaction_base& tx, const std::string& username, const SigningKey& key,
                                    const std::string& actor);

struct ImportOutcome {
  std::optional<Refusal> refusal;  // set when refused
  bool already_imported = false;   // the same passport for the same user: nothing changed
  std::string passport_id, centre, expires_at;
  std::vector<std::string> imported;  // "kymriah until 2027-02-23T10:00:00Z"
  std::vector<std::string> skipped;   // "yescarta: expired at ..."
  boost::json::object to_json() const;
};

/// Verifies text and, when accepted, records its current qualifications for local_username with
/// their origin, each ending no later than the passport. Refusals (the codes of
/// passport_document.h, and PERSON_MISMATCH, ALREADY_IMPORTED) are values; 404 for an unknown user.
ImportOutcome import_passport(pqxx::transaction_base& tx, const std::string& text, const std::string& local_username,
                              const std::string& actor);

}  // namespace cj::passport
