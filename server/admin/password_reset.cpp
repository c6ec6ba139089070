#include "server/admin/password_reset.h"

#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/api/json_fields.h"
#include "server/auth/password_change.h"
#include "server/feed/feed_hub.h"

namespace cj::admin {

namespace {

using api::Call;
using api::Response;

void validate_reset(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"new_password"});
  (void)api::required_string(body, "new_password", 1024);
}

Response reset(Call& call, pqxx::connection_base& db) {
  validate_reset(call);
  const std::string& username = call.params.at(0);
  const std::string password = auth::new_password_of(call.body_object(), username);
  pqxx::work tx(db);
  const std::int64_t user_id = visible_user(tx, call.who(), username);
  (void)auth::store_new_password(tx, user_id, username, password, 0, call.who().name, "user.password_reset");
  tx.commit();
  if (call.app.feed) call.app.feed->close_user(user_id);
  return api::empty_response(204);
}

}  // namespace

std::vector<api::Route> password_reset_routes() {
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {{"PUT", "/api/v1/users/{username}/password", admins, &reset, &validate_reset}};
}

}  // namespace cj::admin
