#include "server/deviations/signature.h"

#include <array>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/db/statement.h"
#include "server/journal/canonical_json.h"
#include "server/journal/hash.h"

namespace cj::deviations {

namespace {

constexpr db::Statement kUser{"deviations_signature_user",
                              "SELECT username, display_name, active AND locked_at IS NULL FROM users WHERE id = $1"};
constexpr db::Statement kInsert{"deviations_signature_insert",
                                "INSERT INTO signatures (user_id, signer_name, meaning, reason, signed_hash) "
                                "VALUES ($1, $2, $3, $4, decode($5, 'hex')) RETURNING id, iso_utc(signed_at)"};

constexpr std::array<std::string_view, 4> kMeanings{"review", "approval", "responsibility", "authorship"};
}  // namespace

bool valid_meaning(const std::string& meaning) {
  for (auto m : kMeanings) {
    if (m == meaning) return true;
  }
  return false;
}

Signature sign(pqxx::transaction_base& tx, std::int64_t user_id, bool password_matches, const std::string& meaning,
               const std::string& reason, const boost::json::value& signed_record) {
  if (!valid_meaning(meaning)) {
    throw base::Failure::invalid_field("meaning",
                                       "The meaning of a signature is one of: review, approval, "
                                       "responsibility, authorship.");
  }
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw base::Failure::invalid_field("reason", "A signature needs a reason.");
  }
  const auto user = db::exec1(tx, kUser, user_id);
  const std::string username = user[0].as<std::string>();
  // The password is asked again at each signature: a session alone does not sign.
  if (!user[2].as<bool>() || !password_matches) {
    spdlog::warn("signature refused for {}: wrong password", username);
    throw base::Failure(base::ErrorKind::forbidden, "SIGNATURE_REFUSED",
                        "The password does not match: nothing was signed.", "password");
  }
  Signature signature;
  signature.signer = username;
  signature.signer_name = user[1].as<std::string>();
  signature.meaning = meaning;
  signature.reason = reason;
  const std::string hash = journal::sha256(journal::canonical_json(signed_record));
  const auto row = db::exec1(tx, kInsert, user_id, signature.signer_name, meaning, reason, journal::to_hex(hash));
  signature.id = row[0].as<std::int64_t>();
  signature.signed_at = row[1].as<std::string>();
  signature.signed_hash = journal::to_hex(hash);
  return signature;
}

boost::json::object to_json(const Signature& s) {
  return {{"id", s.id},         {"signer", s.signer},       {"signer_name", s.signer_name}, {"meaning", s.meaning},
          {"reason", s.reason}, {"signed_at", s.signed_at}, {"signed_hash", s.signed_hash}};
}

}  // namespace cj::deviations
