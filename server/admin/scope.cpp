#include "server/admin/scope.h"

#include <regex>

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/db/statement.h"

namespace cj::admin {

using base::Failure;

namespace {

constexpr db::Statement kFindSite{"admin_scope_find_site", "SELECT id FROM sites WHERE code = $1"};
constexpr db::Statement kFindUser{"admin_scope_find_user", "SELECT id FROM users WHERE username = $1"};
constexpr db::Statement kVisibleUser{
    "admin_scope_visible_user",
    "SELECT u.id FROM users u WHERE u.username = $1 AND ("
    "  EXISTS (SELECT 1 FROM user_site_roles r WHERE r.user_id = u.id AND r.site_id = ANY($2::bigint[])) OR "
    "  NOT EXISTS (SELECT 1 FROM user_site_roles r WHERE r.user_id = u.id))"};

void check_shape(const std::string& text, const std::regex& shape, const std::string& field, const std::string& rule) {
  if (!std::regex_match(text, shape))
    throw Failure::invalid_field(field, "'" + text + "' is not a valid " + rule + ".");
}

}  // namespace

void check_site_code(const std::string& code, const std::string& field) {
  static const std::regex shape("[a-z0-9][a-z0-9-]{0,31}");
  check_shape(code, shape, field, "site code (lowercase letters, digits and '-', at most 32)");
}

void check_username(const std::string& username, const std::string& field) {
  static const std::regex shape("[a-z][a-z0-9._-]{1,63}");
  check_shape(username, shape, field,
              "username (2 to 64 of lowercase letters, digits, '.', '_', '-', starting with a letter)");
}

void check_station_code(const std::string& code, const std::string& field) {
  static const std::regex shape("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
  check_shape(code, shape, field, "station code (letters, digits, '.', '_', '-', at most 32)");
}

void check_display_name(const std::string& name, const std::string& field) {
  const auto first = name.find_first_not_of(' ');
  if (first == std::string::npos || name.size() > 200) {
    throw Failure::invalid_field(field, "The field '" + field + "' must have 1 to 200 characters.");
  }
  // Names are printed on labels, signatures and exports: one line, no control characters.
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      throw Failure::invalid_field(field,
                                   "The field '" + field + "' must not contain control characters or line breaks.");
    }
  }
}

void check_role_name(const std::string& role, const std::string& field) {
  api::Role parsed;
  if (!api::parse_role(role, parsed)) {
    throw Failure::invalid_field(
        field, "'" + role +
                   "' is not a role; the roles are apheresis, cell_lab, clinical, physician, coordinator, qa, admin.");
  }
}

RoleGrant parse_role_at_site(const std::string& text, const std::string& field) {
  const auto at = text.find('@');
  if (at == std::string::npos)
    throw Failure::invalid_field(field, "'" + text + "' must be ROLE@SITE, e.g. admin@city-hospital.");
  RoleGrant grant{text.substr(at + 1), text.substr(0, at)};
  check_role_name(grant.role, field);
  check_site_code(grant.site, field);
  return grant;
}

std::optional<std::int64_t> find_site(pqxx::transaction_base& tx, const std::string& code) {
  const auto rows = db::exec(tx, kFindSite, code);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::int64_t>();
}

std::int64_t managed_site(pqxx::transaction_base& tx, const api::Principal& who, const std::string& code) {
  const auto id = find_site(tx, code);
  if (!id || !who.has_role(api::Role::kAdmin, *id)) {
    throw Failure::forbidden("You are not an administrator at site '" + code + "'.");
  }
  return *id;
}

std::optional<std::int64_t> find_user(pqxx::transaction_base& tx, const std::string& username) {
  const auto rows = db::exec(tx, kFindUser, username);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::int64_t>();
}

std::vector<std::int64_t> managed_site_ids(const api::Principal& who) {
  std::vector<std::int64_t> ids;
  for (const auto& r : who.roles) {
    if (r.role == api::Role::kAdmin) ids.push_back(r.site_id);
  }
  return ids;
}

std::string id_array(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  out += '}';
  return out;
}

std::int64_t visible_user(pqxx::transaction_base& tx, const api::Principal& who, const std::string& username) {
  const auto rows = db::exec(tx, kVisibleUser, username, id_array(managed_site_ids(who)));
  if (rows.empty()) throw Failure::not_found("No user '" + username + "' at the sites you administer.");
  return rows[0][0].as<std::int64_t>();
}

}  // namespace cj::admin
