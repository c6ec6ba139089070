// Changing a person's access: replacing their roles at the sites one manages, locking, unlocking
// and deactivating their account. What a change takes away ends at once, after the commit: the
// sessions of a locked or deactivated account (their tokens are refused from then on) and the
// live feeds, which would otherwise go on pushing the sites they no longer may see.
#include <algorithm>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "server/admin/users.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/auth/sign_in.h"
#include "server/feed/feed_hub.h"
#include "server/db/statement.h"

namespace cj::admin {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr db::Statement kClearRoles{"admin_user_changes_clear_roles",
                                    "DELETE FROM user_site_roles WHERE user_id = $1 AND site_id = ANY($2::bigint[])"};
constexpr db::Statement kRolesElsewhere{
    "admin_user_changes_roles_elsewhere",
    "SELECT 1 FROM user_site_roles WHERE user_id = $1 AND NOT site_id = ANY($2::bigint[])"};
constexpr db::Statement kIsActive{"admin_user_changes_is_active", "SELECT active FROM users WHERE id = $1"};
constexpr db::Statement kDeactivate{"admin_user_changes_deactivate", "UPDATE users SET active = false WHERE id = $1"};
constexpr db::Statement kEndSessions{
    "admin_user_changes_end_sessions",
    "UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() RETURNING id"};
constexpr db::Statement kLock{"admin_user_changes_lock",
                              "UPDATE users SET locked_at = now() WHERE id = $1 AND locked_at IS NULL RETURNING id"};
constexpr db::Statement kUnlock{
    "admin_user_changes_unlock",
    "UPDATE users SET locked_at = NULL WHERE id = $1 AND locked_at IS NOT NULL RETURNING id"};

// The person's live feeds end with the change (the caller commits first).
void close_feeds(Call& call, std::int64_t user_id) {
  if (call.app.feed) call.app.feed->close_user(user_id);
}

struct Grant {
  std::int64_t site_id;
  RoleGrant names;
};

// PUT replaces the roles at the sites the caller manages; roles elsewhere are not theirs to touch.
std::vector<RoleGrant> roles_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"roles"});
  return role_grants(api::required_array(body, "roles", 100));
}

Response set_roles(Call& call, pqxx::connection_base& db) {
  auto wanted = roles_of(call);
  pqxx::work tx(db);
  const auto& who = call.who();
  const auto user_id = visible_user(tx, who, call.params.at(0));
  std::vector<Grant> grants;
  for (auto& g : wanted) grants.push_back({managed_site(tx, who, g.site), std::move(g)});
  const auto managed = managed_site_ids(who);
  // An administrator cannot take their own admin role away: the site could be left with nobody
  // to manage it, and only the command line could repair that.
  if (user_id == who.id) {
    for (auto site : managed) {
      const bool kept = std::any_of(grants.begin(), grants.end(),
                                    [&](const Grant& g) { return g.site_id == site && g.names.role == "admin"; });
      if (!kept)
        throw Failure::conflict("OWN_ADMIN_ROLE", "You cannot remove your own admin role; ask another administrator.");
    }
  }
  auto before = roles_at(tx, user_id, managed);
  db::exec0(tx, kClearRoles, user_id, id_array(managed));
  for (const auto& g : grants) grant_role(tx, user_id, g.site_id, g.names.role);
  auto after = roles_at(tx, user_id, managed);
  const bool changed = before != after;
  audit::log_action(tx, who.name, "user.set_roles", call.params.at(0),
                    json::object{{"before", std::move(before)}, {"after", std::move(after)}});
  auto document = user_json(tx, user_id, managed);
  tx.commit();
  // A feed keeps the sites it opened with: closed, it reconnects with the sites now held.
  if (changed) close_feeds(call, user_id);
  return call.json(200, document);
}

// Accounts are never deleted (their events name them); deactivation stops logins and ends
// every open session at once.
void refuse_any_body(const Call& call) {
  if (!call.body.is_null()) api::refuse_unknown_fields(call.body_object(), {});
}

Response deactivate(Call& call, pqxx::connection_base& db) {
  refuse_any_body(call);
  pqxx::work tx(db);
  const auto& who = call.who();
  const auto user_id = visible_user(tx, who, call.params.at(0));
  if (user_id == who.id) throw Failure::conflict("OWN_ACCOUNT", "You cannot deactivate your own account.");
  // The account is the person's at every site: only someone administering all of them may close
  // it. Elsewhere an administrator withdraws the roles at their own sites (PUT .../roles).
  if (!db::exec(tx, kRolesElsewhere, user_id, id_array(managed_site_ids(who))).empty()) {
    throw Failure::forbidden(
        "'" + call.params.at(0) +
        "' also holds roles at sites you do not administer; remove their roles at your sites instead.");
  }
  const auto was_active = db::exec1(tx, kIsActive, user_id)[0].as<bool>();
  if (was_active) {
    db::exec0(tx, kDeactivate, user_id);
    const auto ended = db::exec(tx, kEndSessions, user_id);
    audit::log_action(tx, who.name, "user.deactivate", call.params.at(0),
                      json::object{{"sessions_ended", static_cast<std::int64_t>(ended.size())}});
  }
  auto document = user_json(tx, user_id, managed_site_ids(who));
  tx.commit();
  close_feeds(call, user_id);
  return call.json(200, document);
}

// A lock is an administrator's act (a suspected stolen password, a leave): logins are refused
// until unlocked, and every open session and feed ends now. Failed guesses never lock: they
// delay (server/auth/guess_limiter.h), so nobody can keep QA out by typing wrong passwords.
Response lock(Call& call, pqxx::connection_base& db) {
  refuse_any_body(call);
  pqxx::work tx(db);
  const auto& who = call.who();
  const auto user_id = visible_user(tx, who, call.params.at(0));
  if (user_id == who.id) throw Failure::conflict("OWN_ACCOUNT", "You cannot lock your own account.");
  if (!db::exec(tx, kLock, user_id).empty()) {
    const auto ended = db::exec(tx, kEndSessions, user_id);
    audit::log_action(tx, who.name, "user.lock", call.params.at(0),
                      json::object{{"sessions_ended", static_cast<std::int64_t>(ended.size())}});
  }
  auto document = user_json(tx, user_id, managed_site_ids(who));
  tx.commit();
  close_feeds(call, user_id);
  return call.json(200, document);
}

// Lifts an administrator's lock, and forgets the account's failed guesses: an administrator who
// vouches for a nurse mid-shift spares them the delays too.
Response unlock(Call& call, pqxx::connection_base& db) {
  refuse_any_body(call);
  pqxx::work tx(db);
  const auto user_id = visible_user(tx, call.who(), call.params.at(0));
  const auto changed = db::exec(tx, kUnlock, user_id);
  audit::log_action(tx, call.who().name, "user.unlock", call.params.at(0),
                    json::object{{"was_locked", !changed.empty()}});
  auto document = user_json(tx, user_id, managed_site_ids(call.who()));
  tx.commit();
  if (call.app.sign_in) call.app.sign_in->limiter().forget_account(call.params.at(0));
  return call.json(200, document);
}

}  // namespace

std::vector<api::Route> user_change_routes() {
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"PUT", "/api/v1/users/{username}/roles", admins, &set_roles, [](const Call& c) { roles_of(c); }},
      {"POST", "/api/v1/users/{username}/deactivate", admins, &deactivate, &refuse_any_body},
      {"POST", "/api/v1/users/{username}/lock", admins, &lock, &refuse_any_body},
      {"POST", "/api/v1/users/{username}/unlock", admins, &unlock, &refuse_any_body},
  };
}

}  // namespace cj::admin
