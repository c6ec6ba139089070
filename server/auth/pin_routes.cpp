// PUT /api/v1/session/pin {"password", "pin"}: a signed-in person sets their own PIN. The
// password is checked like a login's (Access::password: the guessing limiter, the hashing
// pool), so that a session left open cannot be used to set a PIN and sign in elsewhere.
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/auth/operator_credentials.h"
#include "server/auth/pin_routes.h"

namespace cj::auth {

namespace {

using api::Call;
using api::Response;

std::string pin_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"password", "pin"});
  (void)api::required_string(body, "password", 1024);
  auto pin = api::required_string(body, "pin", 64);
  check_pin(pin);
  return pin;
}

Response set_own_pin(Call& call, pqxx::connection_base& db) {
  const auto pin = pin_of(call);
  if (!call.password_matches) {
    throw base::Failure(base::ErrorKind::unauthenticated, "BAD_CREDENTIALS", "The password is wrong.", "password");
  }
  pqxx::work tx(db);
  set_pin(tx, call.who().id, call.who().name, pin, call.who().name);
  tx.commit();
  return api::empty_response(204);
}

}  // namespace

std::vector<api::Route> pin_routes() {
  api::Access own;
  own.password = true;
  return {{"PUT", "/api/v1/session/pin", own, &set_own_pin, [](const Call& c) { pin_of(c); }}};
}

}  // namespace cj::auth
