#include "server/rules/rules_routes.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/admin/scope.h"
#include "server/api/json_fields.h"
#include "server/rules/rules_check.h"
#include "server/rules/site_rules.h"

namespace cj::rules {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr std::size_t kMaxYaml = 256 * 1024;

json::object rules_json(const std::string& site_code, const StoredRules& stored) {
  json::object out = to_json(check_site_rules(stored.yaml, "site-rules/" + site_code));
  out["site"] = site_code;
  out["yaml"] = stored.yaml;
  out["updated_at"] = stored.updated_at;
  out["updated_by"] = nullptr;
  if (stored.updated_by) out["updated_by"] = *stored.updated_by;
  return out;
}

Response get_rules(Call& call, pqxx::connection_base& db) {
  const std::string& code = call.params.at(0);
  pqxx::read_transaction tx(db);
  const auto site_id = admin::find_site(tx, code);
  if (!site_id || !call.who().can_see_site(*site_id)) throw Failure::not_found("No site '" + code + "' of yours.");
  const auto stored = read_site_rules(tx, *site_id);
  if (!stored)
    throw Failure(base::ErrorKind::not_found, "RULES_NOT_SET", "Site '" + code + "' has no rules configuration yet.");
  return call.json(200, rules_json(code, *stored));
}

std::string yaml_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"yaml"});
  return api::required_string(body, "yaml", kMaxYaml);
}

// What store_site_rules() reads before it asks the database anything: the YAML itself.
void check_rules_request(const Call& call) { (void)check_site_rules(yaml_of(call), "site-rules/" + call.params.at(0)); }

Response put_rules(Call& call, pqxx::connection_base& db) {
  const std::string yaml = yaml_of(call);
  const std::string& code = call.params.at(0);
  pqxx::work tx(db);
  const auto site_id = admin::managed_site(tx, call.who(), code);
  try {
    store_site_rules(tx, site_id, code, yaml, call.who().id, call.who().name);
  } catch (const RulesRefused& refused) {
    json::array problems;
    for (const auto& p : refused.problems()) problems.emplace_back(p);
    return call.json(400, json::object{{"error", json::object{{"code", refused.code()},
                                                              {"message", refused.what()},
                                                              {"field", refused.field()},
                                                              {"problems", std::move(problems)}}}});
  }
  auto stored = read_site_rules(tx, site_id);
  tx.commit();
  spdlog::info("site rules: site {} updated by user {}", site_id, call.who().id);
  return call.json(200, rules_json(code, *stored));
}

}  // namespace

std::vector<api::Route> rules_routes() {
  api::Access any_user;
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"GET", "/api/v1/sites/{code}/rules", any_user, &get_rules},
      {"PUT", "/api/v1/sites/{code}/rules", admins, &put_rules, &check_rules_request},
  };
}

}  // namespace cj::rules
