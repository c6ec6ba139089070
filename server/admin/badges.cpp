// PUT /api/v1/users/{username}/badge and /pin: an administrator registers a person's badge and
// sets their PIN (scoped like the other user routes: the people they may see). What the person
// then does with them: server/auth/operator_token_routes.h.
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/admin/badges.h"
#include "server/admin/scope.h"
#include "server/api/json_fields.h"
#include "server/auth/operator_credentials.h"

namespace cj::admin {

namespace {

using api::Call;
using api::Response;

std::string field_of(const Call& call, const char* name) {
  const auto& body = call.body_object();
  if (std::string_view(name) == "badge") {
    api::refuse_unknown_fields(body, {"badge"});
  } else {
    api::refuse_unknown_fields(body, {"pin"});
  }
  return api::required_string(body, name, 256);
}

std::string badge_of(const Call& call) { return field_of(call, "badge"); }
std::string pin_of(const Call& call) {
  auto pin = field_of(call, "pin");
  auth::check_pin(pin);
  return pin;
}

Response set_badge(Call& call, pqxx::connection_base& db) {
  const auto raw = badge_of(call);
  pqxx::work tx(db);
  const auto user_id = visible_user(tx, call.who(), call.params.at(0));
  auth::set_badge(tx, user_id, call.params.at(0), raw, call.who().name);
  tx.commit();
  return api::empty_response(204);
}

Response set_pin(Call& call, pqxx::connection_base& db) {
  const auto pin = pin_of(call);
  pqxx::work tx(db);
  const auto user_id = visible_user(tx, call.who(), call.params.at(0));
  auth::set_pin(tx, user_id, call.params.at(0), pin, call.who().name);
  tx.commit();
  return api::empty_response(204);
}

}  // namespace

std::vector<api::Route> badge_routes() {
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"PUT", "/api/v1/users/{username}/badge", admins, &set_badge, [](const Call& c) { badge_of(c); }},
      {"PUT", "/api/v1/users/{username}/pin", admins, &set_pin, [](const Call& c) { pin_of(c); }},
  };
}

}  // namespace cj::admin
