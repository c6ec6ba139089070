#include "server/admin/site_settings.h"

#include <regex>

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

constexpr db::Statement kOld{"admin_site_settings_old",
                             "SELECT session_idle_minutes, time_zone FROM sites WHERE id = $1 FOR UPDATE"};
// A zone of null: back to the installation's labels.time_zone, else UTC.
constexpr db::Statement kUpdate{
    "admin_site_settings_update",
    "UPDATE sites SET session_idle_minutes = $2,"
    " time_zone = coalesce($3, (SELECT value FROM settings WHERE key = 'labels.time_zone'), 'UTC') WHERE id = $1"
    " RETURNING time_zone"};
constexpr db::Statement kKnownZone{"admin_site_settings_known_zone",
                                   "SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1)"};

constexpr char kIdleMessage[] = "session_idle_minutes must be a whole number of minutes, from 1 to 720.";
constexpr char kZoneMessage[] =
    "time_zone must be an IANA time zone such as Europe/Berlin, or null for the "
    "installation's zone.";

SiteSettings settings_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"session_idle_minutes", "time_zone"});
  SiteSettings settings;
  if (const auto* minutes = body.if_contains("session_idle_minutes")) {
    if (!minutes->is_int64()) throw Failure::invalid_field("session_idle_minutes", kIdleMessage);
    const std::int64_t value = minutes->as_int64();
    settings.session_idle_minutes = (value < kMinIdleMinutes || value > kMaxIdleMinutes) ? 0 : static_cast<int>(value);
  }
  if (const auto* zone = body.if_contains("time_zone")) {
    if (zone->is_null()) {
      settings.clear_time_zone = true;
    } else if (zone->is_string()) {
      settings.time_zone = std::string(zone->as_string());
    } else {
      throw Failure::invalid_field("time_zone", kZoneMessage);
    }
  }
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
  if (!settings.session_idle_minutes && !settings.time_zone && !settings.clear_time_zone) {
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD",
                  "Give session_idle_minutes or time_zone (or both): the change changes nothing.",
                  "session_idle_minutes");
  }
  if (settings.session_idle_minutes &&
      (*settings.session_idle_minutes < kMinIdleMinutes || *settings.session_idle_minutes > kMaxIdleMinutes)) {
    throw Failure::invalid_field("session_idle_minutes", kIdleMessage);
  }
  static const std::regex kZoneShape("[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}");
  if (settings.time_zone && (settings.time_zone->size() > 64 || !std::regex_match(*settings.time_zone, kZoneShape))) {
    throw Failure::invalid_field("time_zone", kZoneMessage);
  }
}

void change_site_settings(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                          const SiteSettings& settings, const std::string& actor) {
  check_site_settings(settings);
  if (settings.time_zone && !db::exec1(tx, kKnownZone, *settings.time_zone)[0].as<bool>()) {
    throw Failure::invalid_field("time_zone", "There is no time zone '" + *settings.time_zone + "'. " + kZoneMessage);
  }
  const auto old = db::exec1(tx, kOld, site_id);
  const int old_minutes = old[0].as<int>();
  const std::string old_zone = old[1].as<std::string>();
  const int minutes = settings.session_idle_minutes.value_or(old_minutes);
  std::optional<std::string> asked = old_zone;
  if (settings.time_zone) asked = settings.time_zone;
  if (settings.clear_time_zone) asked.reset();
  const std::string zone =
      db::exec1(tx, kUpdate, site_id, minutes, asked ? asked->c_str() : nullptr)[0].as<std::string>();

  json::object details, was;
  if (settings.session_idle_minutes) {
    details["session_idle_minutes"] = minutes;
    was["session_idle_minutes"] = old_minutes;
  }
  if (settings.time_zone || settings.clear_time_zone) {
    details["time_zone"] = zone;
    was["time_zone"] = old_zone;
  }
  details["was"] = std::move(was);
  audit::log_action(tx, actor, "site.settings", code, std::move(details));
}

std::vector<api::Route> site_settings_routes() {
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"PUT", "/api/v1/sites/{code}/settings", admins, &put_settings, [](const Call& c) { settings_of(c); }},
  };
}

}  // namespace cj::admin
