#include "server/admin/stations.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/auth/secrets.h"
#include "server/db/statement.h"

namespace cj::admin {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr db::Statement kFind{"admin_stations_find", "SELECT id, site_id FROM stations WHERE code = $1"};
constexpr db::Statement kRevoke{
    "admin_stations_revoke",
    "UPDATE stations SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id"};
constexpr db::Statement kExists{"admin_stations_exists", "SELECT 1 FROM stations WHERE code = $1"};
constexpr db::Statement kInsert{
    "admin_stations_insert",
    "INSERT INTO stations (code, site_id, name, key_hash) VALUES ($1, $2, $3, decode($4, 'hex'))"};

constexpr char kStationSelect[] =
    "SELECT st.code, s.code, st.name, iso_utc(st.created_at), iso_utc(st.revoked_at) "
    "FROM stations st JOIN sites s ON s.id = st.site_id ";
constexpr auto kListSql = db::sql(kStationSelect, "WHERE st.site_id = ANY($1::bigint[]) ORDER BY st.code");
constexpr db::Statement kList{"admin_stations_list", kListSql.data()};
constexpr auto kByCodeSql = db::sql(kStationSelect, "WHERE st.code = $1");
constexpr db::Statement kByCode{"admin_stations_by_code", kByCodeSql.data()};

json::object station_json(const pqxx::row& row) {
  json::object station{{"code", row[0].as<std::string>()},
                       {"site", row[1].as<std::string>()},
                       {"name", row[2].as<std::string>()},
                       {"created_at", row[3].as<std::string>()},
                       {"revoked_at", nullptr}};
  if (!row[4].is_null()) station["revoked_at"] = row[4].as<std::string>();
  return station;
}

Response list_stations(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  json::array stations;
  for (const auto& row : db::exec(tx, kList, id_array(managed_site_ids(call.who())))) {
    stations.push_back(station_json(row));
  }
  return call.json(200, json::object{{"stations", std::move(stations)}});
}

NewStation new_station_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"code", "site", "name"});
  NewStation station{api::required_string(body, "code", 32), api::required_string(body, "site", 32),
                     api::required_string(body, "name", 200)};
  check_station_code(station.code, "code");
  check_display_name(station.name, "name");
  return station;
}

void refuse_any_body(const Call& call) {
  if (!call.body.is_null()) api::refuse_unknown_fields(call.body_object(), {});
}

Response add_station(Call& call, pqxx::connection_base& db) {
  const NewStation station = new_station_of(call);
  pqxx::work tx(db);
  managed_site(tx, call.who(), station.site);
  const std::string key = create_station(tx, station, call.who().name);
  auto document = station_json(db::exec1(tx, kByCode, station.code));
  document["key"] = key;
  tx.commit();
  return call.json(201, document);
}

Response revoke_station(Call& call, pqxx::connection_base& db) {
  refuse_any_body(call);
  const std::string& code = call.params.at(0);
  pqxx::work tx(db);
  const auto rows = db::exec(tx, kFind, code);
  if (rows.empty() || !call.who().has_role(api::Role::kAdmin, rows[0][1].as<std::int64_t>())) {
    throw Failure::not_found("No station '" + code + "' at the sites you administer.");
  }
  // Revoking twice keeps the first time: that is when the key stopped working.
  const auto changed = db::exec(tx, kRevoke, rows[0][0].as<std::int64_t>());
  if (!changed.empty()) audit::log_action(tx, call.who().name, "station.revoke", code);
  auto document = station_json(db::exec1(tx, kByCode, code));
  tx.commit();
  return call.json(200, document);
}

}  // namespace

std::string create_station(pqxx::transaction_base& tx, const NewStation& station, const std::string& actor) {
  check_station_code(station.code, "code");
  check_display_name(station.name, "name");
  const auto site = find_site(tx, station.site);
  if (!site) throw Failure::invalid_field("site", "There is no site '" + station.site + "'.");
  if (!db::exec(tx, kExists, station.code).empty()) {
    throw Failure::conflict("STATION_EXISTS", "A station '" + station.code + "' exists already.");
  }
  std::string key = auth::new_secret();
  db::exec0(tx, kInsert, station.code, *site, station.name, auth::secret_hash_hex(key));
  audit::log_action(tx, actor, "station.create", station.code,
                    json::object{{"site", station.site}, {"name", station.name}});
  return key;
}

std::vector<api::Route> station_routes() {
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"GET", "/api/v1/stations", admins, &list_stations},
      {"POST", "/api/v1/stations", admins, &add_station, [](const Call& c) { new_station_of(c); }},
      {"POST", "/api/v1/stations/{code}/revoke", admins, &revoke_station, &refuse_any_body},
  };
}

}  // namespace cj::admin
