#include "server/admin/sites.h"

#include <regex>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/db/statement.h"

namespace cj::admin {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr db::Statement kGrantCreator{"admin_sites_grant_creator",
                                      "INSERT INTO user_site_roles (user_id, site_id, role) VALUES ($1, $2, 'admin')"};
constexpr db::Statement kExists{"admin_sites_exists", "SELECT 1 FROM sites WHERE code = $1 OR fin = $2"};
constexpr db::Statement kInsert{"admin_sites_insert",
                                "INSERT INTO sites (code, name, fin) VALUES ($1, $2, $3) RETURNING id"};

// time_zone: the zone the pages show the site's times in (UTC until an administrator sets it).
constexpr char kSiteColumns[] = "code, name, fin, iso_utc(created_at), session_idle_minutes, time_zone";
constexpr auto kListSql = db::sql("SELECT ", kSiteColumns, " FROM sites WHERE id = ANY($1::bigint[]) ORDER BY code");
constexpr db::Statement kList{"admin_sites_list", kListSql.data()};
constexpr auto kByIdSql = db::sql("SELECT ", kSiteColumns, " FROM sites WHERE id = $1");
constexpr db::Statement kById{"admin_sites_by_id", kByIdSql.data()};

json::object site_json(const pqxx::row& row) {
  return json::object{{"code", row[0].as<std::string>()},         {"name", row[1].as<std::string>()},
                      {"fin", row[2].as<std::string>()},          {"created_at", row[3].as<std::string>()},
                      {"session_idle_minutes", row[4].as<int>()}, {"time_zone", row[5].as<std::string>()}};
}

Response list_sites(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  json::array sites;
  for (const auto& row : db::exec(tx, kList, id_array(call.who().site_ids()))) {
    sites.push_back(site_json(row));
  }
  return call.json(200, json::object{{"sites", std::move(sites)}});
}

NewSite new_site_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"code", "name", "fin"});
  NewSite site{api::required_string(body, "code", 32), api::required_string(body, "name", 200),
               api::required_string(body, "fin", 5)};
  check_site_code(site.code, "code");
  check_display_name(site.name, "name");
  return site;
}

Response add_site(Call& call, pqxx::connection_base& db) {
  const NewSite site = new_site_of(call);
  pqxx::work tx(db);
  const auto id = create_site(tx, site, call.who().name);
  // Someone must manage the new site; the API only lets admins manage sites they are admin at.
  db::exec0(tx, kGrantCreator, call.who().id, id);
  audit::log_action(tx, call.who().name, "user.grant_role", call.who().name,
                    json::object{{"site", site.code}, {"role", "admin"}, {"why", "created the site"}});
  json::object created = site_json_by_id(tx, id);
  tx.commit();
  return call.json(201, created);
}

}  // namespace

std::int64_t create_site(pqxx::transaction_base& tx, const NewSite& site, const std::string& actor) {
  check_site_code(site.code, "code");
  check_display_name(site.name, "name");
  static const std::regex fin_shape("[A-Z0-9]{5}");
  if (!std::regex_match(site.fin, fin_shape)) {
    throw Failure::invalid_field("fin", "The FIN must be 5 uppercase letters or digits (ISBT 128), e.g. A9999.");
  }
  if (!db::exec(tx, kExists, site.code, site.fin).empty()) {
    throw Failure::conflict("SITE_EXISTS",
                            "A site with code '" + site.code + "' or FIN " + site.fin + " exists already.");
  }
  const auto id = db::exec1(tx, kInsert, site.code, site.name, site.fin)[0].as<std::int64_t>();
  audit::log_action(tx, actor, "site.create", site.code, json::object{{"name", site.name}, {"fin", site.fin}});
  return id;
}

boost::json::object site_json_by_id(pqxx::transaction_base& tx, std::int64_t site_id) {
  return site_json(db::exec1(tx, kById, site_id));
}

std::vector<api::Route> site_routes() {
  api::Access any_user;
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"GET", "/api/v1/sites", any_user, &list_sites},
      {"POST", "/api/v1/sites", admins, &add_site, [](const Call& c) { new_site_of(c); }},
  };
}

}  // namespace cj::admin
