#include "server/auth/authenticate.h"

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/auth/secrets.h"
#include "server/auth/session_limits.h"
#include "server/auth/user_roles.h"
#include "server/db/statement.h"

namespace cj::auth {

namespace {

using base::Failure;

constexpr db::Statement kSession{
    "auth_authenticate_session",
    "SELECT s.id, s.user_id, u.username, s.ended_at IS NOT NULL, s.expires_at <= now(), u.active, "
    "  s.last_seen_at + session_idle_limit(s.user_id) <= now(), u.locked_at IS NOT NULL, "
    "  s.last_seen_at < now() - $2::interval, extract(epoch FROM session_idle_limit(s.user_id))::int / 60 "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = decode($1, 'hex')"};
constexpr db::Statement kTouch{"auth_authenticate_touch",
                               "UPDATE sessions SET last_seen_at = now() WHERE id = $1 AND ended_at IS NULL"};
constexpr db::Statement kStation{
    "auth_authenticate_station",
    "SELECT id, code, site_id, revoked_at IS NOT NULL FROM stations WHERE key_hash = decode($1, 'hex')"};
constexpr db::Statement kLoadRoles{
    "auth_authenticate_load_roles",
    "SELECT r.site_id, s.code, r.role FROM user_site_roles r JOIN sites s ON s.id = r.site_id "
    "WHERE r.user_id = $1 ORDER BY s.code, r.role"};

constexpr std::string_view kHowTo =
    "Send 'Authorization: Bearer <token>' (a token from POST /api/v1/session) or 'Authorization: Station <key>'.";

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

api::Principal user_principal(pqxx::read_transaction& tx, const std::string& token, bool& touch) {
  const auto rows = db::exec(tx, kSession, secret_hash_hex(token), kLastSeenResolution);
  if (rows.empty()) throw Failure::unauthenticated("The session token is not known; log in again.");
  const auto row = rows[0];
  if (row[3].as<bool>()) throw Failure::unauthenticated("This session was ended (logged out); log in again.");
  if (row[4].as<bool>()) throw Failure::unauthenticated("This session has expired; log in again.");
  if (!row[5].as<bool>()) throw Failure::unauthenticated("This account is deactivated.");
  if (row[7].as<bool>()) throw Failure::unauthenticated("This account is locked; ask an administrator.");
  if (row[6].as<bool>()) {
    throw Failure::unauthenticated("This session ended after " + row[9].as<std::string>() +
                                   " minutes without use; log in again.");
  }
  touch = row[8].as<bool>();
  api::Principal who;
  who.kind = api::Principal::Kind::kUser;
  who.session_id = row[0].as<std::int64_t>();
  who.id = row[1].as<std::int64_t>();
  who.name = row[2].as<std::string>();
  who.roles = load_roles(tx, who.id);
  return who;
}

api::Principal station_principal(pqxx::read_transaction& tx, const std::string& key) {
  const auto rows = db::exec(tx, kStation, secret_hash_hex(key));
  if (rows.empty()) throw Failure::unauthenticated("The station key is not known.");
  const auto row = rows[0];
  if (row[3].as<bool>()) throw Failure::unauthenticated("This station's key was revoked; ask an administrator.");
  api::Principal who;
  who.kind = api::Principal::Kind::kStation;
  who.id = row[0].as<std::int64_t>();
  who.name = row[1].as<std::string>();
  who.station_site_id = row[2].as<std::int64_t>();
  return who;
}

}  // namespace

std::vector<api::SiteRole> load_roles(pqxx::transaction_base& tx, std::int64_t user_id) {
  std::vector<api::SiteRole> roles;
  const auto rows = db::exec(tx, kLoadRoles, user_id);
  for (const auto& row : rows) {
    api::SiteRole r;
    r.site_id = row[0].as<std::int64_t>();
    r.site_code = row[1].as<std::string>();
    // The table's CHECK holds the same names as parse_role(); an unknown one cannot be stored.
    if (!api::parse_role(row[2].as<std::string>(), r.role)) continue;
    roles.push_back(std::move(r));
  }
  return roles;
}

api::Principal authenticate(const api::Request& request, pqxx::connection_base& db) {
  if (!request.has_header("Authorization")) {
    throw Failure::unauthenticated("This needs credentials. " + std::string(kHowTo));
  }
  const std::string_view value = request.header("Authorization");
  const auto space = value.find(' ');
  if (space == std::string_view::npos)
    throw Failure::unauthenticated("Malformed Authorization header. " + std::string(kHowTo));
  const std::string_view scheme = value.substr(0, space);
  std::string_view credential = value.substr(space + 1);
  while (!credential.empty() && credential.front() == ' ') credential.remove_prefix(1);
  while (!credential.empty() && credential.back() == ' ') credential.remove_suffix(1);
  const bool bearer = iequals(scheme, "Bearer");
  if ((!bearer && !iequals(scheme, "Station")) || !looks_like_secret(credential)) {
    throw Failure::unauthenticated("Malformed Authorization header. " + std::string(kHowTo));
  }
  bool touch = false;
  api::Principal who;
  {
    pqxx::read_transaction tx(db);
    who = bearer ? user_principal(tx, std::string(credential), touch) : station_principal(tx, std::string(credential));
  }
  // The idle clock restarts; written at most every kLastSeenResolution, so most requests read only.
  if (touch) {
    pqxx::work tx(db);
    db::exec0(tx, kTouch, who.session_id);
    tx.commit();
  }
  return who;
}

}  // namespace cj::auth
