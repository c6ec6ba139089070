// /api/v1/session(s): logging in and out, "who am I", and one's open sessions.
//
// Login rules (docs/security.md, "Sign-in and sessions"):
//  - the password is checked before this handler runs (Access::password, server/serve/
//    password_dispatch.h): on the hashing pool, against a dummy hash for an unknown username, and
//    after a growing delay once the account or the client address has failed too often; unknown
//    username and wrong password get the same 401 BAD_CREDENTIALS, so neither the answer nor its
//    timing tells which usernames exist;
//  - a locked (by an administrator) or deactivated account cannot log in (after a correct
//    password only: 401 ACCOUNT_LOCKED / ACCOUNT_DEACTIVATED);
//  - a session lasts 12 hours at most, and ends sooner when unused for the site's idle timeout;
//  - a person has at most 5 open sessions: a new login ends the oldest beyond that.
// Every attempt is written to admin_log (never the password; for unknown users not the name
// typed either).
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/audit/admin_log.h"
#include "server/auth/secrets.h"
#include "server/auth/session_limits.h"
#include "server/auth/session_routes.h"
#include "server/auth/user_roles.h"
#include "server/db/statement.h"
#include "server/feed/feed_hub.h"

namespace cj::auth {

using api::Access;
using api::Call;
using api::refuse_unknown_fields;
using api::required_string;
using api::Response;
using api::Route;
using base::Failure;

namespace {

namespace json = boost::json;

constexpr db::Statement kFindUser{
    "auth_session_find_user", "SELECT id, active, locked_at IS NOT NULL, display_name FROM users WHERE username = $1"};
constexpr db::Statement kInsertSession{
    "auth_session_insert_session",
    "INSERT INTO sessions (token_hash, user_id, expires_at, address, user_agent) "
    "VALUES (decode($1, 'hex'), $2, now() + $3::interval, NULLIF($4, ''), NULLIF($5, '')) "
    "RETURNING id, iso_utc(expires_at)"};
// The newest kMaxOpenSessions stay open (the one just made among them).
constexpr db::Statement kEndOldest{
    "auth_session_end_oldest",
    "UPDATE sessions SET ended_at = now() WHERE id IN ("
    "  SELECT id FROM sessions WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() "
    "  ORDER BY created_at DESC, id DESC OFFSET $2) RETURNING id"};
constexpr db::Statement kEndSession{"auth_session_end_session",
                                    "UPDATE sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL"};
constexpr db::Statement kEndAll{"auth_session_end_all",
                                "UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL "
                                "AND expires_at > now() RETURNING id"};
constexpr db::Statement kWhoamiStation{
    "auth_session_whoami_station",
    "SELECT st.name, s.code FROM stations st JOIN sites s ON s.id = st.site_id WHERE st.id = $1"};
constexpr db::Statement kWhoamiUser{
    "auth_session_whoami_user",
    "SELECT u.display_name, iso_utc(s.expires_at), extract(epoch FROM session_idle_limit(u.id))::int / 60 "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1"};
// Open: not ended, not past its lifetime, not idle too long. Never the token (only its hash is
// stored anyway).
constexpr db::Statement kOpenSessions{
    "auth_session_open_sessions",
    "SELECT id, iso_utc(created_at), iso_utc(last_seen_at), iso_utc(expires_at), address, user_agent "
    "FROM sessions WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() "
    "AND last_seen_at + session_idle_limit(user_id) > now() ORDER BY created_at, id"};

constexpr std::size_t kMaxUserAgent = 256;

json::array roles_json(const std::vector<api::SiteRole>& roles) {
  json::array out;
  for (const auto& r : roles) out.push_back(json::object{{"site", r.site_code}, {"role", api::role_name(r.role)}});
  return out;
}

Failure bad_credentials() {
  return {base::ErrorKind::unauthenticated, "BAD_CREDENTIALS", "Unknown username or wrong password."};
}

// What a client said it is, cut to what the column holds (and printable: it is shown back).
std::string user_agent_of(const api::Request& request) {
  std::string agent(request.header("User-Agent").substr(0, kMaxUserAgent));
  for (auto& c : agent) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return agent;
}

std::vector<std::int64_t> ids_of(const pqxx::result& rows) {
  std::vector<std::int64_t> ids;
  for (const auto& row : rows) ids.push_back(row[0].as<std::int64_t>());
  return ids;
}

Response log_in(Call& call, pqxx::connection_base& db) {
  const auto& body = call.body_object();
  refuse_unknown_fields(body, {"username", "password"});
  const std::string username = required_string(body, "username", 64);
  (void)required_string(body, "password", 1024);  // checked already: call.password_matches

  pqxx::work tx(db);
  const auto rows = db::exec(tx, kFindUser, username);
  if (rows.empty() || !call.password_matches) {
    // An unknown name is logged without the name typed: it may be a password in the wrong field.
    const bool known = !rows.empty();
    audit::log_action(tx, known ? username : "(unknown)", "session.login_failed", known ? username : "(unknown user)",
                      json::object{{"address", call.request.peer}});
    tx.commit();
    throw bad_credentials();
  }
  const auto user = rows[0];
  const auto user_id = user[0].as<std::int64_t>();
  if (user[2].as<bool>()) {
    throw Failure(base::ErrorKind::unauthenticated, "ACCOUNT_LOCKED",
                  "This account is locked by an administrator; ask one to unlock it.");
  }
  if (!user[1].as<bool>())
    throw Failure(base::ErrorKind::unauthenticated, "ACCOUNT_DEACTIVATED", "This account is deactivated.");

  const std::string token = auth::new_secret();
  const auto session = db::exec1(tx, kInsertSession, auth::secret_hash_hex(token), user_id, kSessionLifetime,
                                 call.request.peer, user_agent_of(call.request));
  const auto ended = ids_of(db::exec(tx, kEndOldest, user_id, kMaxOpenSessions));
  audit::log_action(tx, username, "session.login", username,
                    json::object{{"session", session[0].as<std::int64_t>()},
                                 {"address", call.request.peer},
                                 {"sessions_ended", static_cast<std::int64_t>(ended.size())}});
  const auto roles = auth::load_roles(tx, user_id);
  tx.commit();
  if (!ended.empty() && call.app.feed) call.app.feed->close_sessions(ended);
  return call.json(201, json::object{
                            {"token", token},
                            {"expires_at", session[1].as<std::string>()},
                            {"user", json::object{{"username", username},
                                                  {"display_name", user[3].as<std::string>()},
                                                  {"roles", roles_json(roles)}}},
                        });
}

// DELETE /api/v1/session: this session; ?all=true (or DELETE /api/v1/sessions): every open
// session of the caller's, on every device. Their live feeds close with them.
Response end_sessions(Call& call, pqxx::connection_base& db, bool all) {
  const auto& who = call.who();
  pqxx::work tx(db);
  std::vector<std::int64_t> ended;
  if (all) {
    ended = ids_of(db::exec(tx, kEndAll, who.id));
  } else {
    db::exec0(tx, kEndSession, who.session_id);
    ended = {who.session_id};
  }
  audit::log_action(
      tx, who.name, all ? "session.logout_everywhere" : "session.logout", who.name,
      json::object{{"session", who.session_id}, {"sessions_ended", static_cast<std::int64_t>(ended.size())}});
  tx.commit();
  if (call.app.feed) {
    if (all) {
      call.app.feed->close_user(who.id);
    } else {
      call.app.feed->close_sessions(ended);
    }
  }
  return api::empty_response(204);
}

Response log_out(Call& call, pqxx::connection_base& db) {
  const auto all = call.query("all");
  if (all && *all != "true" && *all != "false") {
    throw Failure::invalid_field("all", "all is true (every session of yours) or false (this one).");
  }
  return end_sessions(call, db, all && *all == "true");
}

Response log_out_everywhere(Call& call, pqxx::connection_base& db) { return end_sessions(call, db, true); }

json::array open_sessions(pqxx::transaction_base& tx, const api::Principal& who) {
  json::array out;
  for (const auto& row : db::exec(tx, kOpenSessions, who.id)) {
    const auto id = row[0].as<std::int64_t>();
    out.push_back(json::object{{"id", id},
                               {"created_at", row[1].as<std::string>()},
                               {"last_seen_at", row[2].as<std::string>()},
                               {"expires_at", row[3].as<std::string>()},
                               {"address", row[4].is_null() ? json::value(nullptr) : json::value(row[4].c_str())},
                               {"user_agent", row[5].is_null() ? json::value(nullptr) : json::value(row[5].c_str())},
                               {"current", id == who.session_id}});
  }
  return out;
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
                                     {"idle_timeout_minutes", row[2].as<std::int64_t>()},
                                     {"user", json::object{{"username", who.name},
                                                           {"display_name", row[0].as<std::string>()},
                                                           {"roles", roles_json(who.roles)}}},
                                     {"sessions", open_sessions(tx, who)}});
}

}  // namespace

std::vector<Route> session_routes() {
  Access sign_in = Access::anyone();
  sign_in.password = true;
  Access any_user;
  Access user_or_station;
  user_or_station.stations = true;
  return {
      {"POST", "/api/v1/session", sign_in, &log_in},
      {"GET", "/api/v1/session", user_or_station, &who_am_i},
      {"DELETE", "/api/v1/session", any_user, &log_out},
      {"DELETE", "/api/v1/sessions", any_user, &log_out_everywhere},
  };
}

}  // namespace cj::auth
