#include "server/passport/passport_routes.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/passport/passport_store.h"

namespace cj::passport {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

Response get_passport(Call& call, pqxx::connection_base& db) {
  const auto& username = call.params.at(0);
  pqxx::work tx(db);
  if (call.who().name != username) {
    // Someone else's passport: as for any person outside one's administration, 404 (whether
    // the person exists is not told to those who may not see them).
    if (!call.who().has_role(api::Role::kAdmin)) {
      throw Failure::not_found("There is no user '" + username + "' whose passport you may see.");
    }
    (void)admin::visible_user(tx, call.who(), username);
  }
  if (call.app.centre_key == nullptr) {
    throw Failure::conflict("NO_CENTRE_KEY",
                            "This server has no signing key: start it with --centre-key-file (docs/passport.md).");
  }
  auto document = export_passport(tx, username, *call.app.centre_key, call.who().name);
  tx.commit();
  return call.json(200, document);
}

struct Import {
  std::string user, text;
};

Import import_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"user", "passport"});
  auto user = api::required_string(body, "user", 64);
  const auto* passport = body.if_contains("passport");
  if (!passport || !(passport->is_object() || passport->is_string())) {
    throw Failure::invalid_field("passport", "passport is the passport document (a JSON object, or its text).");
  }
  return {std::move(user), passport->is_string() ? std::string(passport->as_string()) : json::serialize(*passport)};
}

Response post_import(Call& call, pqxx::connection_base& db) {
  const auto [user, text] = import_of(call);
  pqxx::work tx(db);
  (void)admin::visible_user(tx, call.who(), user);
  auto outcome = import_passport(tx, text, user, call.who().name);
  tx.commit();  // a refusal is recorded too
  if (outcome.refusal) {
    return call.json(422, json::object{{"error", json::object{{"code", outcome.refusal->code},
                                                              {"message", outcome.refusal->message},
                                                              {"field", "passport"}}}});
  }
  return call.json(outcome.already_imported ? 200 : 201, outcome.to_json());
}

}  // namespace

std::vector<api::Route> passport_routes() {
  api::Access users;  // any logged-in user; the handler lets only the person or an admin through
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"GET", "/api/v1/users/{username}/passport", users, &get_passport},
      {"POST", "/api/v1/passports/import", admins, &post_import, [](const Call& c) { import_of(c); }},
  };
}

}  // namespace cj::passport
