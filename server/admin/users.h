// People: accounts and their roles per site (/api/v1/users..., `celljourney user add`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "server/admin/scope.h"
#include "server/api/call.h"

namespace pqxx {
class transaction_base;
}

namespace cj::admin {

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;  // plain text, hashed here; checked against auth::password_problem()
  std::vector<RoleGrant> roles;
};

/// Checks and inserts a person with their roles, logging it as actor; returns the id.
/// 400 INVALID_FIELD (shape, weak password, unknown site, field "roles[i].site"...),
/// 409 USERNAME_TAKEN.
std::int64_t create_user(pqxx::transaction_base& tx, const NewUser& user, const std::string& actor);

/// The [{"site", "role"}] of a request, each checked for shape (400 naming "roles[i].site"...).
std::vector<RoleGrant> role_grants(const boost::json::array& roles);

/// Grants one role (no-op when held). REQUIRES: the site exists.
void grant_role(pqxx::transaction_base& tx, std::int64_t user_id, std::int64_t site_id, const std::string& role);

/// The user's roles at the given sites, as [{"site", "role"}] by site code and role.
boost::json::array roles_at(pqxx::transaction_base& tx, std::int64_t user_id,
                            const std::vector<std::int64_t>& site_ids);

/// The account as the API shows it, with its roles at site_ids only.
boost::json::object user_json(pqxx::transaction_base& tx, std::int64_t user_id,
                              const std::vector<std::int64_t>& site_ids);

/// GET/POST /api/v1/users, GET /api/v1/users/{username}, PUT /api/v1/users/{username}/roles,
/// POST /api/v1/users/{username}/lock, .../unlock, .../deactivate: role admin, scoped to the
/// sites they manage.
std::vector<api::Route> user_routes();
/// The changing half of them (user_changes.cpp): roles, lock, unlock, deactivation. Each ends
/// what the change takes away at once, after its commit: a deactivated or locked account's
/// sessions and live feeds, the live feeds of someone whose roles changed (they reconnect with
/// their new sites).
std::vector<api::Route> user_change_routes();

}  // namespace cj::admin
