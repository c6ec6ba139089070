#include "server/passport/passport_store.h"

#include <cctype>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/db/statement.h"

namespace cj::passport {

namespace {

namespace json = boost::json;
using base::Failure;

constexpr db::Statement kIdentity{"passport_centre_identity",
                                  "SELECT name, public_key, fingerprint FROM centre_identity"};
constexpr db::Statement kInitCentre{
    "passport_init_centre",
    "INSERT INTO centre_identity (name, public_key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"};
constexpr db::Statement kTrustedExists{"passport_trusted_exists",
                                       "SELECT name FROM trusted_centres WHERE name = $1 OR public_key = $2"};
constexpr db::Statement kTrust{
    "passport_trust_centre",
    "INSERT INTO trusted_centres (name, public_key, fingerprint, added_by) VALUES ($1, $2, $3, $4)"};
constexpr db::Statement kRevoke{
    "passport_revoke_centre",
    "UPDATE trusted_centres SET revoked_at = coalesce(revoked_at, now()) WHERE name = $1 RETURNING fingerprint"};
constexpr db::Statement kTrustedByKey{
    "passport_trusted_by_key", "SELECT id, name, revoked_at IS NOT NULL FROM trusted_centres WHERE public_key = $1"};
constexpr db::Statement kClock{"passport_clock",
                               "SELECT iso_utc(now()), iso_utc(now() + interval '5 minutes'), "
                               "iso_utc(now() + make_interval(hours => 24 * $1))"};
constexpr db::Statement kPerson{"passport_person", "SELECT id, display_name FROM users WHERE username = $1 AND active"};
// Recorded here (not imported), current now.
constexpr db::Statement kCurrentLocal{
    "passport_current_local_qualifications",
    "SELECT qualification, iso_utc(valid_from), iso_utc(valid_until), issuing_centre FROM qualifications "
    "WHERE user_id = $1 AND passport_import_id IS NULL AND valid_from <= now() "
    "AND (valid_until IS NULL OR valid_until > now()) ORDER BY qualification, valid_from"};
constexpr db::Statement kImported{"passport_imported",
                                  "SELECT u.username FROM passport_imports p JOIN users u ON u.id = p.user_id "
                                  "WHERE p.passport_id = $1"};
constexpr db::Statement kInsertImport{
    "passport_insert_import",
    "INSERT INTO passport_imports (passport_id, centre_id, user_id, issued_at, expires_at, imported_by, document) "
    "VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6, $7::jsonb) RETURNING id"};
constexpr db::Statement kInsertQualification{
    "passport_insert_qualification",
    "INSERT INTO qualifications (user_id, qualification, valid_from, valid_until, issuing_centre, passport_import_id) "
    "VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5, $6)"};

// Names compared as a person reads them: case, and spaces around and between words, ignored.
std::string normalised(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

ImportOutcome refused(pqxx::transaction_base& tx, const std::string& actor, const std::string& username,
                      Refusal refusal, const std::string& passport_id) {
  json::object details{{"code", refusal.code}, {"message", refusal.message}};
  if (!passport_id.empty()) details["passport_id"] = passport_id;
  audit::log_action(tx, actor, "passport.refuse", username, details);
  ImportOutcome outcome;
  outcome.refusal = std::move(refusal);
  outcome.passport_id = passport_id;
  return outcome;
}

}  // namespace

std::optional<CentreIdentity> centre_identity(pqxx::transaction_base& tx) {
  auto rows = db::exec(tx, kIdentity);
  if (rows.empty()) return std::nullopt;
  return CentreIdentity{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>()};
}

CentreIdentity init_centre(pqxx::transaction_base& tx, const std::string& name, const SigningKey& key,
                           const std::string& actor) {
  admin::check_display_name(name, "name");
  CentreIdentity identity{name, to_base64(key.public_key()), fingerprint(key.public_key())};
  if (db::exec(tx, kInitCentre, identity.name, identity.public_key, identity.fingerprint).affected_rows() == 0) {
    throw Failure::conflict("CENTRE_KEY_EXISTS",
                            "This centre already has a signing key (fingerprint " + centre_identity(tx)->fingerprint +
                                "); it is kept so that the centres trusting it keep accepting its passports.");
  }
  audit::log_action(tx, actor, "centre.key_init", name, json::object{{"fingerprint", identity.fingerprint}});
  return identity;
}

CentreIdentity trust_centre(pqxx::transaction_base& tx, const std::string& name, const std::string& public_key,
                            const std::string& actor) {
  admin::check_display_name(name, "name");
  const auto key = from_base64(public_key);
  if (!key || key->size() != 32) {
    throw Failure::invalid_field("public_key", "The public key is not 32 bytes in standard base64 (44 characters).");
  }
  CentreIdentity centre{name, public_key, fingerprint(*key)};
  if (auto rows = db::exec(tx, kTrustedExists, name, public_key); !rows.empty()) {
    throw Failure::conflict("CENTRE_EXISTS", "A trusted centre with that name or key is registered already ('" +
                                                 rows[0][0].as<std::string>() + "').");
  }
  db::exec0(tx, kTrust, name, public_key, centre.fingerprint, actor);
  audit::log_action(tx, actor, "centre.trust_add", name, json::object{{"fingerprint", centre.fingerprint}});
  return centre;
}

void revoke_centre(pqxx::transaction_base& tx, const std::string& name, const std::string& actor) {
  auto rows = db::exec(tx, kRevoke, name);
  if (rows.empty()) throw Failure::not_found("There is no trusted centre '" + name + "'.");
  audit::log_action(tx, actor, "centre.trust_revoke", name,
                    json::object{{"fingerprint", rows[0][0].as<std::string>()}});
}

json::object export_passport(pqxx::transaction_base& tx, const std::string& username, const SigningKey& key,
                             const std::string& actor) {
  const auto identity = centre_identity(tx);
  if (!identity) {
    throw Failure::conflict("NO_CENTRE_KEY", "This centre has no signing key yet: run `celljourney centre key init`.");
  }
  if (identity->public_key != to_base64(key.public_key())) {
    throw Failure::conflict(
        "KEY_MISMATCH", "The key file is not this centre's signing key (fingerprint " + identity->fingerprint + ").");
  }
  auto person = db::exec(tx, kPerson, username);
  if (person.empty()) throw Failure::not_found("There is no active user '" + username + "'.");
  const auto clock = db::exec1(tx, kClock, kPassportValidityDays);
  Passport p;
  p.passport_id = new_passport_id();
  p.centre_name = identity->name;
  p.person_name = person[0][1].as<std::string>();
  p.person_username = username;
  p.issued_at = clock[0].as<std::string>();
  p.expires_at = clock[2].as<std::string>();
  json::array names;
  for (const auto& row : db::exec(tx, kCurrentLocal, person[0][0].as<std::int64_t>())) {
    PassportQualification q{row[0].as<std::string>(), row[1].as<std::string>(), std::nullopt, std::nullopt};
    if (!row[2].is_null()) q.valid_until = row[2].as<std::string>();
    if (!row[3].is_null()) q.issuing_centre = row[3].as<std::string>();
    names.emplace_back(q.qualification);
    p.qualifications.push_back(std::move(q));
  }
  auto document = sign_passport(p, key);
  audit::log_action(
      tx, actor, "passport.export", username,
      json::object{{"passport_id", p.passport_id}, {"expires_at", p.expires_at}, {"qualifications", names}});
  return document;
}

ImportOutcome import_passport(pqxx::transaction_base& tx, const std::string& text, const std::string& local_username,
                              const std::string& actor) {
  auto person = db::exec(tx, kPerson, local_username);
  if (person.empty()) throw Failure::not_found("There is no active user '" + local_username + "'.");
  const auto user_id = person[0][0].as<std::int64_t>();
  const auto clock = db::exec1(tx, kClock, 0);
  const auto now = clock[0].as<std::string>();
  std::int64_t centre_id = 0;
  std::string centre_name;
  auto lookup = [&](const std::string& public_key) {
    auto rows = db::exec(tx, kTrustedByKey, public_key);
    if (rows.empty()) return Trust::kUnknown;
    centre_id = rows[0][0].as<std::int64_t>();
    centre_name = rows[0][1].as<std::string>();
    return rows[0][2].as<bool>() ? Trust::kRevoked : Trust::kTrusted;
  };
  auto verification = verify_passport(text, now, lookup, clock[1].as<std::string>());
  std::string passport_id;
  if (const auto* id = verification.document.if_contains("passport_id"); id && id->is_string()) {
    passport_id = std::string(id->as_string()).substr(0, 32);
  }
  if (!verification.ok()) return refused(tx, actor, local_username, verification.refusal, passport_id);
  const auto& passport = *verification.passport;
  if (normalised(passport.person_name) != normalised(person[0][1].as<std::string>())) {
    return refused(tx, actor, local_username,
                   {"PERSON_MISMATCH", "the passport is " + passport.person_name + "'s, and " + local_username +
                                           " is " + person[0][1].as<std::string>() + " here"},
                   passport_id);
  }
  ImportOutcome outcome;
  outcome.passport_id = passport.passport_id;
  outcome.centre = centre_name;
  outcome.expires_at = passport.expires_at;
  if (auto rows = db::exec(tx, kImported, passport.passport_id); !rows.empty()) {
    const auto holder = rows[0][0].as<std::string>();
    if (holder != local_username) {
      return refused(tx, actor, local_username,
                     {"ALREADY_IMPORTED", "this passport was imported for " + holder + " already"}, passport_id);
    }
    outcome.already_imported = true;
    return outcome;
  }
  const auto import_id = db::exec1(tx, kInsertImport, passport.passport_id, centre_id, user_id, passport.issued_at,
                                   passport.expires_at, actor, json::serialize(verification.document))[0]
                             .as<std::int64_t>();
  for (const auto& q : passport.qualifications) {
    if (q.valid_until && *q.valid_until <= now) {
      outcome.skipped.push_back(q.qualification + ": expired at " + *q.valid_until);
      continue;
    }
    if (q.valid_from >= passport.expires_at) {
      outcome.skipped.push_back(q.qualification + ": starts after the passport expires");
      continue;
    }
    // Never beyond the passport: a qualification ends when the passport does, at the latest.
    const auto until = q.valid_until && *q.valid_until < passport.expires_at ? *q.valid_until : passport.expires_at;
    db::exec0(tx, kInsertQualification, user_id, q.qualification, q.valid_from, until,
              q.issuing_centre.value_or(centre_name), import_id);
    outcome.imported.push_back(q.qualification + " until " + until);
  }
  audit::log_action(tx, actor, "passport.import", local_username,
                    json::object{{"passport_id", passport.passport_id},
                                 {"centre", centre_name},
                                 {"fingerprint", fingerprint(*from_base64(passport.public_key))},
                                 {"imported", json::value_from(outcome.imported)},
                                 {"skipped", json::value_from(outcome.skipped)}});
  return outcome;
}

json::object ImportOutcome::to_json() const {
  json::object o{{"accepted", !refusal.has_value()}, {"passport_id", passport_id}};
  if (refusal) {
    o["refusal"] = json::object{{"code", refusal->code}, {"message", refusal->message}};
    return o;
  }
  o["already_imported"] = already_imported;
  o["centre"] = centre;
  o["expires_at"] = expires_at;
  o["imported"] = json::value_from(imported);
  o["skipped"] = json::value_from(skipped);
  return o;
}

}  // namespace cj::passport
