#include "server/auth/password_change.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/audit/admin_log.h"
#include "server/auth/password_quality.h"
#include "server/auth/secrets.h"
#include "server/db/statement.h"
#include "server/feed/feed_hub.h"

namespace cj::auth {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using base::Failure;

constexpr db::Statement kSetHash{"auth_password_change_set_hash", "UPDATE users SET password_hash = $2 WHERE id = $1"};
// $2: the session to keep (0 for none).
constexpr db::Statement kEndOthers{
    "auth_password_change_end_others",
    "UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND id <> $2 AND ended_at IS NULL "
    "AND expires_at > now() RETURNING id"};

constexpr std::size_t kMaxPasswordBytes = 1024;

std::vector<std::int64_t> ids_of(const pqxx::result& rows) {
  std::vector<std::int64_t> ids;
  for (const auto& row : rows) ids.push_back(row[0].as<std::int64_t>());
  return ids;
}

void validate_own(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"password", "new_password"});
  (void)api::required_string(body, "password", kMaxPasswordBytes);
  (void)api::required_string(body, "new_password", kMaxPasswordBytes);
}

Response change_own(Call& call, pqxx::connection_base& db) {
  validate_own(call);
  const auto& who = call.who();
  if (!call.password_matches) {
    throw Failure(base::ErrorKind::forbidden, "WRONG_PASSWORD",
                  "The current password does not match: the password was not changed.", "password");
  }
  const std::string password = new_password_of(call.body_object(), who.name);
  pqxx::work tx(db);
  const auto ended =
      store_new_password(tx, who.id, who.name, password, who.session_id, who.name, "user.password_change");
  tx.commit();
  if (call.app.feed && !ended.empty()) call.app.feed->close_sessions(ended);
  return api::empty_response(204);
}

}  // namespace

std::string new_password_of(const boost::json::object& body, const std::string& username) {
  std::string password = api::required_string(body, "new_password", kMaxPasswordBytes);
  if (const std::string problem = password_problem(password, username); !problem.empty()) {
    throw Failure::invalid_field("new_password", problem);
  }
  return password;
}

std::vector<std::int64_t> store_new_password(pqxx::transaction_base& tx, std::int64_t user_id,
                                             const std::string& username, const std::string& password,
                                             std::int64_t keep_session, const std::string& actor,
                                             const std::string& action) {
  db::exec0(tx, kSetHash, user_id, hash_password(password));
  auto ended = ids_of(db::exec(tx, kEndOthers, user_id, keep_session));
  audit::log_action(tx, actor, action, username,
                    json::object{{"sessions_ended", static_cast<std::int64_t>(ended.size())}});
  return ended;
}

std::vector<api::Route> password_change_routes() {
  api::Access self;
  self.password = true;
  return {
      {"PUT", "/api/v1/session/password", self, &change_own, &validate_own},
  };
}

}  // namespace cj::auth
