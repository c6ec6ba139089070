// What every administration operation shares: finding sites and users by their handles, the
// shapes their handles must have, and which sites an administrator manages.
//
// The rule (docs/administration.md): an administrator manages exactly the sites where they
// hold the admin role. They see and change the people who hold a role at one of those sites
// (and people who hold no role anywhere, so that nobody is orphaned), and only those sites'
// roles, stations and qualifications of those people. Creating a site needs admin at some site;
// the creator becomes its first administrator.
//
// Failures are base::Failure (the commands print their message), so the API and the CLI refuse
// the same things with the same words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/api/principal.h"

namespace pqxx {
class transaction_base;
}

namespace cj::admin {

// Handle shapes, as the tables' CHECK constraints have them; each throws base::Failure (invalid)
// INVALID_FIELD naming field.
void check_site_code(const std::string& code, const std::string& field);
void check_username(const std::string& username, const std::string& field);
void check_station_code(const std::string& code, const std::string& field);
void check_display_name(const std::string& name, const std::string& field);

/// The site's id, or nullopt.
std::optional<std::int64_t> find_site(pqxx::transaction_base& tx, const std::string& code);
/// The site's id; 403 when it does not exist or who is not admin there (the two look the same,
/// so that an administrator cannot probe for other hospitals' sites).
std::int64_t managed_site(pqxx::transaction_base& tx, const api::Principal& who, const std::string& code);

/// The user's id, or nullopt.
std::optional<std::int64_t> find_user(pqxx::transaction_base& tx, const std::string& username);
/// The user's id; 404 when there is no such user or who may not see them.
std::int64_t visible_user(pqxx::transaction_base& tx, const api::Principal& who, const std::string& username);

/// The sites where who holds admin.
std::vector<std::int64_t> managed_site_ids(const api::Principal& who);
/// ids as a PostgreSQL array literal ("{1,5}"), to bind as $n::bigint[].
std::string id_array(const std::vector<std::int64_t>& ids);

/// One (site, role) to grant.
struct RoleGrant {
  std::string site;
  std::string role;
};

/// Parses "ROLE@SITE" (CLI form); throws 400 INVALID_FIELD naming field.
RoleGrant parse_role_at_site(const std::string& text, const std::string& field);
/// Throws 400 INVALID_FIELD naming field when role is not one of the seven names.
void check_role_name(const std::string& role, const std::string& field);

}  // namespace cj::admin
