// /api/v1/session: logging in and out, and "who am I".
//
// Login rules (docs/administration.md):
//  - unknown username and wrong password get the same 401 BAD_CREDENTIALS, after the same
//    argon2id work, so neither the answer nor its timing tells which usernames exist;
//  - 5 consecutive failures lock the account for 15 minutes (401 ACCOUNT_LOCKED with the time
//    it unlocks); the counter restarts after a lock and after every success;
//  - a deactivated account cannot log in (after a correct password: 401 ACCOUNT_DEACTIVATED);
//  - a session lasts 12 hours, one shift, then the token is refused.
// Every attempt is written to admin_log (never the password; for unknown users not the name
// typed either).
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/audit/admin_log.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/auth/session_routes.h"
#include "server/auth/secrets.h"
#include "server/auth/user_roles.h"
#include "server/db/statement.h"

namespace cj::auth {

using api::Access;
using base::Failure;
using api::refuse_unknown_fields;
using api::required_string;
using api::Call;
using api::Response;
using api::Route;

namespace {

namespace json = boost::json;

constexpr db::Statement kCountFailure{
    "auth_session_count_failure",
    "UPDATE users SET "
    "  locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + $3::interval ELSE locked_until END, "
    "  failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END "
    "WHERE id = $1 RETURNING iso_utc(locked_until), locked_until > now()"};
constexpr db::Statement kFindUser{
    "auth_session_find_user",
    "SELECT id, password_hash, active, locked_until > now(), iso_utc(locked_until), display_name "
    "FROM users WHERE username = $1 FOR UPDATE"};
constexpr db::Statement kResetFailures{"auth_session_reset_failures",
                                       "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1"};
constexpr db::Statement kInsertSession{
    "auth_session_insert_session",
    "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (decode($1, 'hex'), $2, now() + $3::interval) "
    "RETURNING id, iso_utc(expires_at)"};
constexpr db::Statement kEndSession{"auth_session_end_session",
                                    "UPDATE sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL"};
constexpr db::Statement kWhoamiStation{
    "auth_session_whoami_station",
    "SELECT st.name, s.code FROM stations st JOIN sites s ON s.id = st.site_id WHERE st.id = $1"};
constexpr db::Statement kWhoamiUser{
    "auth_session_whoami_user",
    "SELECT u.display_name, iso_utc(s.expires_at) FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1"};

constexpr int kMaxFailures = 5;
constexpr const char* kLockInterval = "15 minutes";
constexpr const char* kSessionInterval = "12 hours";

json::array roles_json(const std::vector<api::SiteRole>& roles) {
  json::array out;
  for (const auto& r : roles) out.push_back(json::object{{"site", r.site_code}, {"role", api::role_name(r.role)}});
  return out;
}

Failure bad_credentials() {
  return {base::ErrorKind::unauthenticated, "BAD_CREDENTIALS", "Unknown username or wrong password."};
}

Failure locked(const std::string& until) {
  return {base::ErrorKind::unauthenticated, "ACCOUNT_LOCKED",
          "Too many failed logins: this account is locked until " + until +
              ". Try again then, or ask an administrator to unlock it."};
}

// Counts a failure, committing it (the refusal that follows must not roll it back), and answers
// what the caller should throw.
Failure count_failure(pqxx::work& tx, std::int64_t user_id, const std::string& username) {
  const auto row = db::exec1(tx, kCountFailure, user_id, kMaxFailures, kLockInterval);
  const bool now_locked = !row[1].is_null() && row[1].as<bool>();
  audit::log_action(tx, username, now_locked ? "session.locked" : "session.login_failed", username);
  tx.commit();
  if (now_locked) {
    spdlog::warn("login: account {} locked after {} failures", user_id, kMaxFailures);
    return locked(row[0].as<std::string>());
  }
  return bad_credentials();
}

Response log_in(Call& call, pqxx::connection_base& db) {
  const auto& body = call.body_object();
  refuse_unknown_fields(body, {"username", "password"});
  const std::string username = required_string(body, "username", 64);
  const std::string password = required_string(body, "password", 1024);

  pqxx::work tx(db);
  // FOR UPDATE: concurrent attempts on one account count one after the other.
  const auto rows = db::exec(tx, kFindUser, username);
  if (rows.empty()) {
    auth::verify_against_dummy(password);
    // Counted for monitoring, without the name typed: it may be a password in the wrong field.
    audit::log_action(tx, "(unknown)", "session.login_failed", "(unknown user)");
    tx.commit();
    throw bad_credentials();
  }
  const auto user = rows[0];
  const auto user_id = user[0].as<std::int64_t>();
  if (!user[3].is_null() && user[3].as<bool>()) throw locked(user[4].as<std::string>());
  if (!auth::verify_password(password, user[1].as<std::string>())) throw count_failure(tx, user_id, username);
  if (!user[2].as<bool>())
    throw Failure(base::ErrorKind::unauthenticated, "ACCOUNT_DEACTIVATED", "This account is deactivated.");

  db::exec0(tx, kResetFailures, user_id);
  const std::string token = auth::new_secret();
  const auto session = db::exec1(tx, kInsertSession, auth::secret_hash_hex(token), user_id, kSessionInterval);
  audit::log_action(tx, username, "session.login", username, json::object{{"session", session[0].as<std::int64_t>()}});
  const auto roles = auth::load_roles(tx, user_id);
  tx.commit();
  return call.json(201, json::object{
                            {"token", token},
                            {"expires_at", session[1].as<std::string>()},
                            {"user", json::object{{"username", username},
                                                  {"display_name", user[5].as<std::string>()},
                                                  {"roles", roles_json(roles)}}},
                        });
}

Response log_out(Call& call, pqxx::connection_base& db) {
  pqxx::work tx(db);
  db::exec0(tx, kEndSession, call.who().session_id);
  audit::log_action(tx, call.who().name, "session.logout", call.who().name,
                    json::object{{"session", call.who().session_id}});
  tx.commit();
  return api::empty_response(204);
}

Response who_am_i(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto& who = call.who();
  if (who.is_station()) {
    const auto row = db::exec1(tx, kWhoamiStation, who.id);
    return call.json(200, json::object{{"kind", "station"},
                                       {"station", json::object{{"code", who.name},
                                                                {"name", row[0].as<std::string>()},
                                                                {"site", row[1].as<std::string>()}}}});
  }
  const auto row = db::exec1(tx, kWhoamiUser, who.session_id);
  return call.json(200, json::object{{"kind", "user"},
                                     {"expires_at", row[1].as<std::string>()},
                                     {"user", json::object{{"username", who.name},
                                                           {"display_name", row[0].as<std::string>()},
                                                           {"roles", roles_json(who.roles)}}}});
}

}  // namespace

std::vector<Route> session_routes() {
  Access any_user;
  Access user_or_station;
  user_or_station.stations = true;
  return {
      {"POST", "/api/v1/session", Access::anyone(), &log_in},
      {"GET", "/api/v1/session", user_or_station, &who_am_i},
      {"DELETE", "/api/v1/session", any_user, &log_out},
  };
}

}  // namespace cj::auth
