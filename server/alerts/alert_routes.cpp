#include "server/alerts/alert_routes.h"

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/admin/scope.h"
#include "server/alerts/alert_rules.h"
#include "server/alerts/alert_store.h"
#include "server/alerts/site_alerting.h"
#include "server/alerts/user_email.h"
#include "server/api/json_fields.h"

namespace cj::alerts {

namespace {

namespace json = boost::json;
using api::Role;
using base::Failure;

bool reads_alerts_at(const api::Principal& who, std::int64_t site_id) {
  return who.has_role(Role::kQa, site_id) || who.has_role(Role::kCoordinator, site_id) ||
         who.has_role(Role::kAdmin, site_id);
}

std::int64_t id_param(const api::Call& call) {
  std::int64_t id = 0;
  const auto& text = call.params.at(0);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw Failure::not_found("No alert " + text + ".");
  }
  return id;
}

AlertFilter filter_of(const api::Call& call) {
  AlertFilter filter;
  const auto site = call.query("site");
  for (const auto& held : call.who().roles) {
    if (!reads_alerts_at(call.who(), held.site_id) || (site && held.site_code != *site)) continue;
    if (std::find(filter.site_ids.begin(), filter.site_ids.end(), held.site_id) == filter.site_ids.end()) {
      filter.site_ids.push_back(held.site_id);
    }
  }
  if (site && filter.site_ids.empty()) {
    throw Failure(base::ErrorKind::not_found, "UNKNOWN_SITE",
                  "There is no site '" + *site + "' where you hold qa, coordinator or admin.", "site");
  }
  filter.status = call.query("status");
  if (filter.status && *filter.status != "open" && *filter.status != "acknowledged") {
    throw Failure::invalid_field("status", "status is open or acknowledged.");
  }
  return filter;
}

api::Response list(api::Call& call, pqxx::connection_base& db) {
  const AlertFilter filter = filter_of(call);
  pqxx::read_transaction tx(db);
  return call.json(200, json::object{{"alerts", list_alerts(tx, filter)}});
}

api::Response get_one(api::Call& call, pqxx::connection_base& db) {
  const auto id = id_param(call);
  pqxx::read_transaction tx(db);
  const auto site = alert_site(tx, id);
  if (!site || !reads_alerts_at(call.who(), *site)) throw Failure::not_found("No alert " + std::to_string(id) + ".");
  return call.json(200, *find_alert(tx, id));
}

api::Response acknowledge(api::Call& call, pqxx::connection_base& db) {
  const auto id = id_param(call);
  pqxx::work tx(db);
  const auto site = alert_site(tx, id);
  if (!site || !call.who().can_see_site(*site)) throw Failure::not_found("No alert " + std::to_string(id) + ".");
  const bool now = acknowledge_alert(tx, id, *site, call.who().id);
  auto alert = *find_alert(tx, id);
  tx.commit();
  if (now) spdlog::info("alert {} acknowledged by {}", id, call.who().name);
  return call.json(200, alert);
}

// The site's id for a caller holding one of roles there. A site that does not exist or is not
// the caller's is not found, as everywhere in the API (no telling which codes exist); one of
// theirs without the role is forbidden.
std::int64_t site_for(pqxx::transaction_base& tx, const api::Call& call, const std::string& code,
                      std::initializer_list<Role> roles, const std::string& what) {
  const auto site = admin::find_site(tx, code);
  if (!site || !call.who().can_see_site(*site)) throw Failure::not_found("No site '" + code + "' of yours.");
  for (const Role role : roles) {
    if (call.who().has_role(role, *site)) return *site;
  }
  throw Failure::forbidden(what + " of site '" + code + "' needs the role " +
                           (roles.size() == 1 ? "admin" : "admin or qa") + " there.");
}

std::string site_param(const api::Call& call) {
  admin::check_site_code(call.params.at(0), "code");
  return call.params.at(0);
}

void validate_alerting(const api::Call& call) {
  site_param(call);
  parse_site_alerting(call.body_object());
}

api::Response get_alerting(api::Call& call, pqxx::connection_base& db) {
  const auto code = site_param(call);
  pqxx::read_transaction tx(db);
  const auto site_id = site_for(tx, call, code, {Role::kAdmin}, "Reading the alerting settings");
  return call.json(200, site_alerting_json(tx, site_id));
}

api::Response put_alerting(api::Call& call, pqxx::connection_base& db) {
  const auto code = site_param(call);
  const auto settings = parse_site_alerting(call.body_object());
  pqxx::work tx(db);
  const auto site_id = site_for(tx, call, code, {Role::kAdmin}, "Changing the alerting settings");
  store_site_alerting(tx, site_id, code, settings, call.who().name);
  auto shown = site_alerting_json(tx, site_id);
  tx.commit();
  return call.json(200, shown);
}

api::Response get_rules(api::Call& call, pqxx::connection_base& db) {
  const auto code = site_param(call);
  pqxx::read_transaction tx(db);
  const auto site_id = site_for(tx, call, code, {Role::kAdmin, Role::kQa}, "Reading the alert rules");
  return call.json(200, json::object{{"site", code}, {"rules", alert_rules_json(tx, site_id)}});
}

void validate_rule(const api::Call& call) {
  site_param(call);
  parse_alert_rule(call.params.at(1), call.body_object());
}

api::Response put_rule(api::Call& call, pqxx::connection_base& db) {
  const auto code = site_param(call);
  const auto rule = parse_alert_rule(call.params.at(1), call.body_object());
  pqxx::work tx(db);
  const auto site_id = site_for(tx, call, code, {Role::kAdmin}, "Changing the alert rules");
  store_alert_rule(tx, site_id, code, rule, call.who().name);
  auto rules = alert_rules_json(tx, site_id);
  tx.commit();
  return call.json(200, json::object{{"site", code}, {"rules", std::move(rules)}});
}

api::Response delete_rule(api::Call& call, pqxx::connection_base& db) {
  const auto code = site_param(call);
  check_trigger(call.params.at(1));
  pqxx::work tx(db);
  const auto site_id = site_for(tx, call, code, {Role::kAdmin}, "Changing the alert rules");
  if (!remove_alert_rule(tx, site_id, code, call.params.at(1), call.who().name)) {
    throw Failure::not_found(code + " has no " + call.params.at(1) + " alert rule.");
  }
  tx.commit();
  return api::empty_response(204);
}

std::optional<std::string> email_of(const api::Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"email"});
  if (!body.contains("email"))
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD", "Give email (or null).", "email");
  auto email = api::optional_string(body, "email", 254);
  if (email) check_email(*email);
  return email;
}

void validate_email(const api::Call& call) {
  admin::check_username(call.params.at(0), "username");
  email_of(call);
}

api::Response put_email(api::Call& call, pqxx::connection_base& db) {
  const auto& username = call.params.at(0);
  const auto email = email_of(call);
  pqxx::work tx(db);
  const auto user_id = admin::visible_user(tx, call.who(), username);
  set_user_email(tx, user_id, username, email, call.who().name);
  tx.commit();
  return call.json(200,
                   json::object{{"username", username}, {"email", email ? json::value(*email) : json::value(nullptr)}});
}

}  // namespace

std::vector<api::Route> alert_routes() {
  const std::vector<Role> readers{Role::kQa, Role::kCoordinator, Role::kAdmin};
  const std::vector<Role> admins{Role::kAdmin};
  return {
      {"GET", "/api/v1/alerts", {false, readers, false}, &list, [](const api::Call& c) { filter_of(c); }},
      {"GET", "/api/v1/alerts/{id}", {false, readers, false}, &get_one, [](const api::Call& c) { id_param(c); }},
      {"POST",
       "/api/v1/alerts/{id}/acknowledge",
       {false, {}, false},
       &acknowledge,
       [](const api::Call& c) { id_param(c); }},
      {"GET",
       "/api/v1/sites/{code}/alerting",
       {false, admins, false},
       &get_alerting,
       [](const api::Call& c) { site_param(c); }},
      {"PUT", "/api/v1/sites/{code}/alerting", {false, admins, false}, &put_alerting, &validate_alerting},
      {"GET",
       "/api/v1/sites/{code}/alert-rules",
       {false, {Role::kAdmin, Role::kQa}, false},
       &get_rules,
       [](const api::Call& c) { site_param(c); }},
      {"PUT", "/api/v1/sites/{code}/alert-rules/{trigger}", {false, admins, false}, &put_rule, &validate_rule},
      {"DELETE",
       "/api/v1/sites/{code}/alert-rules/{trigger}",
       {false, admins, false},
       &delete_rule,
       [](const api::Call& c) {
         site_param(c);
         check_trigger(c.params.at(1));
       }},
      {"PUT", "/api/v1/users/{username}/email", {false, admins, false}, &put_email, &validate_email},
  };
}

}  // namespace cj::alerts
