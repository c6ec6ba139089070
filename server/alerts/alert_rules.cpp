#include "server/alerts/alert_rules.h"

#include <algorithm>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/admin/scope.h"
#include "server/api/json_fields.h"
#include "server/audit/admin_log.h"
#include "server/db/statement.h"

namespace cj::alerts {

namespace {

namespace json = boost::json;
using base::Failure;

constexpr db::Statement kUpsert{
    "alerts_rules_upsert",
    "INSERT INTO alert_rules (site_id, trigger, channels, roles, user_ids, escalate_roles, escalate_user_ids)"
    " VALUES ($1, $2, ARRAY(SELECT jsonb_array_elements_text($3::jsonb)),"
    "         ARRAY(SELECT jsonb_array_elements_text($4::jsonb)),"
    "         ARRAY(SELECT jsonb_array_elements_text($5::jsonb)::bigint),"
    "         ARRAY(SELECT jsonb_array_elements_text($6::jsonb)),"
    "         ARRAY(SELECT jsonb_array_elements_text($7::jsonb)::bigint))"
    " ON CONFLICT (site_id, trigger) DO UPDATE SET channels = EXCLUDED.channels, roles = EXCLUDED.roles,"
    "   user_ids = EXCLUDED.user_ids, escalate_roles = EXCLUDED.escalate_roles,"
    "   escalate_user_ids = EXCLUDED.escalate_user_ids, active = true, updated_at = now()"};

constexpr db::Statement kRemove{
    "alerts_rules_remove",
    "UPDATE alert_rules SET active = false, updated_at = now() WHERE site_id = $1 AND trigger = $2 AND active"};

constexpr db::Statement kList{"alerts_rules_list",
                              "SELECT r.trigger, to_jsonb(r.channels)::text, to_jsonb(r.roles)::text,"
                              "       (SELECT coalesce(jsonb_agg(u.username ORDER BY u.username), '[]') FROM users u"
                              "         WHERE u.id = ANY (r.user_ids))::text,"
                              "       to_jsonb(r.escalate_roles)::text,"
                              "       (SELECT coalesce(jsonb_agg(u.username ORDER BY u.username), '[]') FROM users u"
                              "         WHERE u.id = ANY (r.escalate_user_ids))::text,"
                              "       iso_utc(r.updated_at)"
                              "  FROM alert_rules r WHERE r.site_id = $1 AND r.active ORDER BY r.trigger"};

std::vector<std::string> strings(const json::object& body, const char* key, bool required,
                                 void (*check)(const std::string&, const std::string&)) {
  std::vector<std::string> out;
  const auto* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) api::required_array(body, key, 16);  // throws MISSING_FIELD
    return out;
  }
  const auto& items = api::required_array(body, key, 64);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    if (!items[i].is_string()) throw Failure::invalid_field(field, field + " must be a string.");
    std::string item(items[i].as_string());
    check(item, field);
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
  }
  return out;
}

void check_channel(const std::string& channel, const std::string& field) {
  if (channel != "email" && channel != "webhook" && channel != "browser") {
    throw Failure::invalid_field(field, field + " must be email, webhook or browser.");
  }
}

void check_role(const std::string& role, const std::string& field) { admin::check_role_name(role, field); }
void check_user(const std::string& user, const std::string& field) { admin::check_username(user, field); }

json::array to_array(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

std::string user_ids(pqxx::transaction_base& tx, const std::vector<std::string>& users, const char* key) {
  json::array ids;
  for (std::size_t i = 0; i < users.size(); ++i) {
    const auto id = admin::find_user(tx, users[i]);
    if (!id) {
      const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
      throw Failure::invalid_field(field, "There is no user " + users[i] + " (" + field + ").");
    }
    ids.emplace_back(std::to_string(*id));
  }
  return json::serialize(ids);
}

}  // namespace

void check_trigger(const std::string& trigger) {
  for (const char* known : kTriggers) {
    if (trigger == known) return;
  }
  throw Failure::invalid_field(
      "trigger", "The trigger must be overdue_clock, critical_deviation, temperature_excursion or near_miss.");
}

AlertRule parse_alert_rule(const std::string& trigger, const json::object& body) {
  check_trigger(trigger);
  api::refuse_unknown_fields(body, {"channels", "roles", "users", "escalate_roles", "escalate_users"});
  AlertRule rule;
  rule.trigger = trigger;
  rule.channels = strings(body, "channels", true, &check_channel);
  if (rule.channels.empty())
    throw Failure::invalid_field("channels", "channels names at least one of email, webhook, browser.");
  rule.roles = strings(body, "roles", false, &check_role);
  rule.users = strings(body, "users", false, &check_user);
  rule.escalate_roles = strings(body, "escalate_roles", false, &check_role);
  rule.escalate_users = strings(body, "escalate_users", false, &check_user);
  return rule;
}

void store_alert_rule(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code, const AlertRule& rule,
                      const std::string& actor) {
  const auto channels = json::serialize(to_array(rule.channels));
  const auto roles = json::serialize(to_array(rule.roles));
  const auto escalate_roles = json::serialize(to_array(rule.escalate_roles));
  db::exec0(tx, kUpsert, site_id, rule.trigger, channels, roles, user_ids(tx, rule.users, "users"), escalate_roles,
            user_ids(tx, rule.escalate_users, "escalate_users"));
  audit::log_action(tx, actor, "alert_rule.set", code + " " + rule.trigger,
                    json::object{{"channels", to_array(rule.channels)},
                                 {"roles", to_array(rule.roles)},
                                 {"users", to_array(rule.users)},
                                 {"escalate_roles", to_array(rule.escalate_roles)},
                                 {"escalate_users", to_array(rule.escalate_users)}});
}

bool remove_alert_rule(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                       const std::string& trigger, const std::string& actor) {
  check_trigger(trigger);
  if (db::exec(tx, kRemove, site_id, trigger).affected_rows() == 0) return false;
  audit::log_action(tx, actor, "alert_rule.remove", code + " " + trigger);
  return true;
}

json::array alert_rules_json(pqxx::transaction_base& tx, std::int64_t site_id) {
  json::array out;
  for (const auto& r : db::exec(tx, kList, site_id)) {
    out.emplace_back(json::object{{"trigger", r[0].as<std::string>()},
                                  {"channels", json::parse(r[1].as<std::string>())},
                                  {"roles", json::parse(r[2].as<std::string>())},
                                  {"users", json::parse(r[3].as<std::string>())},
                                  {"escalate_roles", json::parse(r[4].as<std::string>())},
                                  {"escalate_users", json::parse(r[5].as<std::string>())},
                                  {"updated_at", r[6].as<std::string>()}});
  }
  return out;
}

}  // namespace cj::alerts
