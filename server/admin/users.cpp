#include "server/admin/users.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/auth/password_quality.h"
#include "server/auth/secrets.h"
#include "server/db/statement.h"

namespace cj::admin {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr db::Statement kList{
    "admin_users_list",
    "SELECT u.id FROM users u WHERE "
    "  EXISTS (SELECT 1 FROM user_site_roles r WHERE r.user_id = u.id AND r.site_id = ANY($1::bigint[])) OR "
    "  NOT EXISTS (SELECT 1 FROM user_site_roles r WHERE r.user_id = u.id) "
    "ORDER BY u.username"};
constexpr db::Statement kInsert{
    "admin_users_insert", "INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id"};
constexpr db::Statement kGrantRole{
    "admin_users_grant_role",
    "INSERT INTO user_site_roles (user_id, site_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"};
constexpr db::Statement kRolesAt{"admin_users_roles_at",
                                 "SELECT s.code, r.role FROM user_site_roles r JOIN sites s ON s.id = r.site_id "
                                 "WHERE r.user_id = $1 AND r.site_id = ANY($2::bigint[]) ORDER BY s.code, r.role"};
constexpr db::Statement kUser{
    "admin_users_user",
    "SELECT username, display_name, active, iso_utc(locked_at), iso_utc(created_at) FROM users WHERE id = $1"};

constexpr std::size_t kMaxRoles = 100;

Response list_users(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto sites = managed_site_ids(call.who());
  json::array users;
  for (const auto& row : db::exec(tx, kList, id_array(sites))) {
    users.push_back(user_json(tx, row[0].as<std::int64_t>(), sites));
  }
  return call.json(200, json::object{{"users", std::move(users)}});
}

Response get_user(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto id = visible_user(tx, call.who(), call.params.at(0));
  return call.json(200, user_json(tx, id, managed_site_ids(call.who())));
}

NewUser new_user_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"username", "display_name", "password", "roles"});
  NewUser user;
  user.username = api::required_string(body, "username", 64);
  user.display_name = api::required_string(body, "display_name", 200);
  user.password = api::required_string(body, "password", 1024);
  const auto& roles = api::required_array(body, "roles", kMaxRoles);
  if (roles.empty()) throw Failure::invalid_field("roles", "A new user needs at least one role at a site.");
  user.roles = role_grants(roles);
  check_username(user.username, "username");
  check_display_name(user.display_name, "display_name");
  return user;
}

Response add_user(Call& call, pqxx::connection_base& db) {
  const NewUser user = new_user_of(call);
  pqxx::work tx(db);
  for (const auto& g : user.roles) managed_site(tx, call.who(), g.site);
  const auto id = create_user(tx, user, call.who().name);
  auto document = user_json(tx, id, managed_site_ids(call.who()));
  tx.commit();
  return call.json(201, document);
}

}  // namespace

std::vector<RoleGrant> role_grants(const json::array& roles) {
  std::vector<RoleGrant> grants;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const std::string path = "roles[" + std::to_string(i) + "]";
    const auto& grant = api::object_element(roles[i], path);
    api::refuse_unknown_fields(grant, {"site", "role"}, path);
    RoleGrant g{api::required_string(grant, "site", 32, path), api::required_string(grant, "role", 32, path)};
    check_role_name(g.role, path + ".role");
    grants.push_back(std::move(g));
  }
  return grants;
}

std::int64_t create_user(pqxx::transaction_base& tx, const NewUser& user, const std::string& actor) {
  check_username(user.username, "username");
  check_display_name(user.display_name, "display_name");
  if (const auto problem = auth::password_problem(user.password, user.username); !problem.empty()) {
    throw Failure::invalid_field("password", problem);
  }
  std::vector<std::int64_t> site_ids;
  for (std::size_t i = 0; i < user.roles.size(); ++i) {
    const std::string path = "roles[" + std::to_string(i) + "]";
    check_role_name(user.roles[i].role, path + ".role");
    const auto site = find_site(tx, user.roles[i].site);
    if (!site) throw Failure::invalid_field(path + ".site", "There is no site '" + user.roles[i].site + "'.");
    site_ids.push_back(*site);
  }
  if (find_user(tx, user.username)) {
    throw Failure::conflict("USERNAME_TAKEN", "The username '" + user.username + "' is taken.");
  }
  const auto id = db::exec1(tx, kInsert, user.username, user.display_name, auth::hash_password(user.password))[0]
                      .as<std::int64_t>();
  json::array granted;
  for (std::size_t i = 0; i < user.roles.size(); ++i) {
    grant_role(tx, id, site_ids[i], user.roles[i].role);
    granted.push_back(json::object{{"site", user.roles[i].site}, {"role", user.roles[i].role}});
  }
  audit::log_action(tx, actor, "user.create", user.username,
                    json::object{{"display_name", user.display_name}, {"roles", std::move(granted)}});
  return id;
}

void grant_role(pqxx::transaction_base& tx, std::int64_t user_id, std::int64_t site_id, const std::string& role) {
  db::exec0(tx, kGrantRole, user_id, site_id, role);
}

json::array roles_at(pqxx::transaction_base& tx, std::int64_t user_id, const std::vector<std::int64_t>& site_ids) {
  json::array roles;
  for (const auto& row : db::exec(tx, kRolesAt, user_id, id_array(site_ids))) {
    roles.push_back(json::object{{"site", row[0].as<std::string>()}, {"role", row[1].as<std::string>()}});
  }
  return roles;
}

json::object user_json(pqxx::transaction_base& tx, std::int64_t user_id, const std::vector<std::int64_t>& site_ids) {
  const auto row = db::exec1(tx, kUser, user_id);
  json::object user{{"username", row[0].as<std::string>()},
                    {"display_name", row[1].as<std::string>()},
                    {"active", row[2].as<bool>()},
                    {"locked", !row[3].is_null()},
                    {"locked_at", nullptr},
                    {"created_at", row[4].as<std::string>()},
                    {"roles", roles_at(tx, user_id, site_ids)}};
  if (!row[3].is_null()) user["locked_at"] = row[3].as<std::string>();
  return user;
}

std::vector<api::Route> user_routes() {
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  auto routes = std::vector<api::Route>{
      {"GET", "/api/v1/users", admins, &list_users},
      {"POST", "/api/v1/users", admins, &add_user, [](const Call& c) { new_user_of(c); }},
      {"GET", "/api/v1/users/{username}", admins, &get_user},
  };
  auto more = user_change_routes();
  routes.insert(routes.end(), more.begin(), more.end());
  return routes;
}

}  // namespace cj::admin
