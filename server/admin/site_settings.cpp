#include "server/admin/site_settings.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/api/json_fields.h"
#include "server/audit/admin_log.h"
#include "server/db/statement.h"

namespace cj::admin {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using base::Failure;

constexpr db::Statement kUpdate{
    "admin_site_settings_update",
    "UPDATE sites s SET session_idle_minutes = $2 FROM (SELECT session_idle_minutes FROM sites WHERE id = $1) old "
    "WHERE s.id = $1 RETURNING old.session_idle_minutes"};

SiteSettings settings_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"session_idle_minutes"});
  const auto* minutes = body.if_contains("session_idle_minutes");
  if (minutes == nullptr || minutes->is_null()) {
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD", "The field 'session_idle_minutes' is required.",
                  "session_idle_minutes");
  }
  if (!minutes->is_int64()) {
    throw Failure::invalid_field("session_idle_minutes",
                                 "session_idle_minutes must be a whole number of minutes, from 1 to 720.");
  }
  const std::int64_t value = minutes->as_int64();
  SiteSettings settings;
  settings.session_idle_minutes = (value < kMinIdleMinutes || value > kMaxIdleMinutes) ? 0 : static_cast<int>(value);
  check_site_settings(settings);
  return settings;
}

Response put_settings(Call& call, pqxx::connection_base& db) {
  const SiteSettings settings = settings_of(call);
  const std::string& code = call.params.at(0);
  pqxx::work tx(db);
  const std::int64_t site_id = managed_site(tx, call.who(), code);
  change_site_settings(tx, site_id, code, settings, call.who().name);
  json::object site = site_json_by_id(tx, site_id);
  tx.commit();
  return call.json(200, site);
}

}  // namespace

void check_site_settings(const SiteSettings& settings) {
  if (settings.session_idle_minutes < kMinIdleMinutes || settings.session_idle_minutes > kMaxIdleMinutes) {
    throw Failure::invalid_field("session_idle_minutes",
                                 "session_idle_minutes must be a whole number of minutes, from 1 to 720.");
  }
}

void change_site_settings(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                          const SiteSettings& settings, const std::string& actor) {
  check_site_settings(settings);
  const auto row = db::exec1(tx, kUpdate, site_id, settings.session_idle_minutes);
  audit::log_action(tx, actor, "site.settings", code,
                    json::object{{"session_idle_minutes", settings.session_idle_minutes},
                                 {"was", json::object{{"session_idle_minutes", row[0].as<int>()}}}});
}

std::vector<api::Route> site_settings_routes() {
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"PUT", "/api/v1/sites/{code}/settings", admins, &put_settings, [](const Call& c) { settings_of(c); }},
  };
}

}  // namespace cj::admin
