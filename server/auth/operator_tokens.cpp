// The operator-token routes (operator_token_routes.h). A token is 32 random bytes; only its
// SHA-256 is stored, with the person, the principal it is bound to and its life.
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <sodium.h>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/audit/admin_log.h"
#include "server/auth/badge_key.h"
#include "server/auth/operator_token_routes.h"
#include "server/auth/secrets.h"
#include "server/auth/user_roles.h"
#include "server/db/statement.h"

namespace cj::auth {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using base::Failure;

constexpr db::Statement kPerson{
    "auth_operator_person",
    "SELECT id, username, display_name, active, locked_at IS NOT NULL FROM users WHERE username = $1"};
constexpr db::Statement kBadgeHolder{"auth_operator_badge_holder", "SELECT username FROM users WHERE badge_code = $1"};
constexpr db::Statement kStationIdle{
    "auth_operator_station_idle",
    "SELECT s.session_idle_minutes FROM stations st JOIN sites s ON s.id = st.site_id WHERE st.id = $1"};
constexpr db::Statement kUserIdle{"auth_operator_user_idle",
                                  "SELECT extract(epoch FROM session_idle_limit($1))::int / 60"};
constexpr db::Statement kInsert{
    "auth_operator_insert",
    "INSERT INTO operator_tokens (token_hash, user_id, bound_to, purpose, idle_minutes, expires_at) "
    "VALUES (decode($1, 'hex'), $2, $3, $4, $5, now() + $6::interval) RETURNING id, iso_utc(expires_at)"};
constexpr db::Statement kQualifications{
    "auth_operator_qualifications",
    "SELECT qualification, iso_utc(valid_until) FROM qualifications WHERE user_id = $1 AND valid_from <= now() "
    "AND (valid_until IS NULL OR valid_until > now()) ORDER BY qualification, valid_until"};
constexpr db::Statement kEnd{
    "auth_operator_end",
    "UPDATE operator_tokens SET ended_at = COALESCE(ended_at, now()) WHERE token_hash = decode($1, 'hex') "
    "AND bound_to = $2 RETURNING id, user_id"};

struct SignInRequest {
  std::string badge;
  std::string username;
  std::string purpose;
};

SignInRequest sign_in_request_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"badge", "username", "pin", "purpose"});
  SignInRequest r;
  r.badge = api::optional_string(body, "badge", 256).value_or("");
  r.username = api::optional_string(body, "username", 64).value_or("");
  if (r.badge.empty() == r.username.empty())
    throw Failure::invalid_field("badge", "Give the badge as read, or the username: exactly one of them.");
  if (!r.badge.empty() && !badge_key(r.badge))
    throw Failure::invalid_field("badge", "The badge read is empty, too long or not printable.");
  (void)api::required_string(body, "pin", 64);  // checked already: call.password_matches
  r.purpose = api::required_string(body, "purpose", 16);
  if (r.purpose != "shift" && r.purpose != "witness")
    throw Failure::invalid_field("purpose", "purpose is shift (signed in until sign-out) or witness (one event).");
  return r;
}

std::string bound_principal(const api::Principal& who) {
  return std::string(who.is_station() ? "station:" : "user:") + who.name;
}

json::array roles_json(const std::vector<api::SiteRole>& roles) {
  json::array out;
  for (const auto& r : roles) out.push_back(json::object{{"site", r.site_code}, {"role", api::role_name(r.role)}});
  return out;
}

Response sign_in(Call& call, pqxx::connection_base& db) {
  const auto request = sign_in_request_of(call);
  const auto& who = call.who();
  pqxx::work tx(db);
  // The person was found (and their PIN checked) before this handler: call.password_matches.
  std::string username = request.username;
  if (!request.badge.empty()) {
    const auto key = *badge_key(request.badge);
    const auto rows = db::exec(tx, kBadgeHolder, key);
    username = rows.empty() ? std::string() : rows[0][0].as<std::string>();
  }
  const auto rows = username.empty() ? pqxx::result() : db::exec(tx, kPerson, username);
  if (rows.empty() || !call.password_matches) {
    audit::log_action(
        tx, bound_principal(who), "operator.sign_in_failed", rows.empty() ? "(unknown)" : username,
        json::object{{"address", call.request.peer}, {"by", request.badge.empty() ? "username" : "badge"}});
    tx.commit();
    throw Failure(base::ErrorKind::unauthenticated, "BAD_CREDENTIALS", "Unknown badge or wrong PIN.");
  }
  const auto person = rows[0];
  const auto user_id = person[0].as<std::int64_t>();
  if (person[4].as<bool>()) {
    throw Failure(base::ErrorKind::unauthenticated, "ACCOUNT_LOCKED",
                  "This account is locked by an administrator; ask one to unlock it.");
  }
  if (!person[3].as<bool>())
    throw Failure(base::ErrorKind::unauthenticated, "ACCOUNT_DEACTIVATED", "This account is deactivated.");
  const auto roles = load_roles(tx, user_id);
  int idle = 15;
  if (who.is_station()) {
    bool at_site = false;
    for (const auto& r : roles) at_site = at_site || r.site_id == who.station_site_id;
    if (!at_site) {
      throw Failure(base::ErrorKind::forbidden, "NO_ROLE_AT_SITE",
                    username + " holds no role at this station's site: ask an administrator.");
    }
    idle = db::exec1(tx, kStationIdle, who.id)[0].as<int>();
  } else {
    idle = db::exec1(tx, kUserIdle, who.id)[0].as<int>();
  }
  const std::string token = new_secret();
  const bool shift = request.purpose == "shift";
  const auto row = db::exec1(tx, kInsert, secret_hash_hex(token), user_id, bound_principal(who), request.purpose, idle,
                             shift ? "12 hours" : "5 minutes");
  json::array qualifications;
  for (const auto& q : db::exec(tx, kQualifications, user_id)) {
    qualifications.push_back(
        json::object{{"qualification", q[0].as<std::string>()},
                     {"valid_until", q[1].is_null() ? json::value(nullptr) : json::value(q[1].c_str())}});
  }
  audit::log_action(tx, username, "operator.sign_in", username,
                    json::object{{"token", row[0].as<std::int64_t>()},
                                 {"purpose", request.purpose},
                                 {"bound_to", bound_principal(who)},
                                 {"address", call.request.peer}});
  tx.commit();
  return call.json(201, json::object{{"token", token},
                                     {"purpose", request.purpose},
                                     {"expires_at", row[1].as<std::string>()},
                                     {"idle_minutes", idle},
                                     {"user", json::object{{"username", username},
                                                           {"display_name", person[2].as<std::string>()},
                                                           {"roles", roles_json(roles)},
                                                           {"qualifications", std::move(qualifications)}}}});
}

std::string token_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"token"});
  auto token = api::required_string(body, "token", 64);
  if (!looks_like_secret(token)) throw Failure::invalid_field("token", "This is not an operator token.");
  return token;
}

Response end_token(Call& call, pqxx::connection_base& db) {
  const auto token = token_of(call);
  pqxx::work tx(db);
  const auto rows = db::exec(tx, kEnd, secret_hash_hex(token), bound_principal(call.who()));
  if (rows.empty()) throw Failure::not_found("No such operator token signed in here.");
  audit::log_action(tx, bound_principal(call.who()), "operator.sign_out", std::to_string(rows[0][1].as<std::int64_t>()),
                    json::object{{"token", rows[0][0].as<std::int64_t>()}});
  tx.commit();
  return api::empty_response(204);
}

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the NUL
  return out;
}

Response sealing_key(Call& call, pqxx::connection_base&) {
  const std::string& key = call.app.sealing_public_key;
  if (key.empty() || !call.app.centre_unseal) {
    return api::error_response(503, "NO_SEALING_KEY",
                               "This server has no centre key: stations cannot seal proofs offline. Ask an "
                               "administrator to start it with --centre-key-file.");
  }
  return call.json(200, json::object{{"key", base64(key)}, {"key_id", secret_hash_hex(key).substr(0, 16)}});
}

void refuse_any_body(const Call& call) {
  if (!call.body.is_null()) throw Failure::bad_request("This request takes no body.");
}

}  // namespace

std::vector<api::Route> operator_token_routes() {
  const std::vector<api::Role> recorders = {api::Role::kApheresis, api::Role::kCellLab, api::Role::kClinical,
                                            api::Role::kPhysician, api::Role::kCoordinator};
  api::Access pin{false, recorders, true, true, true};
  api::Access callers{false, recorders, true};
  return {
      {"POST", "/api/v1/operator-tokens", pin, &sign_in, [](const Call& c) { sign_in_request_of(c); }},
      {"POST", "/api/v1/operator-tokens/end", callers, &end_token, [](const Call& c) { token_of(c); }},
      {"GET", "/api/v1/operator-tokens/sealing-key", callers, &sealing_key, &refuse_any_body},
  };
}

}  // namespace cj::auth
