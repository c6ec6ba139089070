#include "server/auth/operator_credentials.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/audit/admin_log.h"
#include "server/auth/badge_key.h"
#include "server/auth/pin_rules.h"
#include "server/auth/secrets.h"
#include "server/db/statement.h"

namespace cj::auth {

namespace {

namespace json = boost::json;
using base::Failure;

constexpr db::Statement kBadgeHolder{"auth_credentials_badge_holder", "SELECT id FROM users WHERE badge_code = $1"};
constexpr db::Statement kSetBadge{"auth_credentials_set_badge", "UPDATE users SET badge_code = $2 WHERE id = $1"};
constexpr db::Statement kSetPin{"auth_credentials_set_pin", "UPDATE users SET pin_hash = $2 WHERE id = $1"};

}  // namespace

void set_badge(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& username, const std::string& raw,
               const std::string& actor) {
  const auto key = badge_key(raw);
  if (!key)
    throw Failure::invalid_field("badge", "The badge read is empty, longer than 64 characters or not printable.");
  const auto holder = db::exec(tx, kBadgeHolder, *key);
  if (!holder.empty() && holder[0][0].as<std::int64_t>() != user_id) {
    throw Failure(base::ErrorKind::conflict, "BADGE_TAKEN", "This badge belongs to another person already.", "badge");
  }
  db::exec0(tx, kSetBadge, user_id, *key);
  audit::log_action(tx, actor, "user.badge_set", username, json::object{{"badge", *key}});
}

void check_pin(const std::string& pin) {
  if (const auto problem = pin_problem(pin); !problem.empty()) {
    throw Failure(base::ErrorKind::invalid, "WEAK_PIN", problem, "pin");
  }
}

void set_pin(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& username, const std::string& pin,
             const std::string& actor) {
  check_pin(pin);
  db::exec0(tx, kSetPin, user_id, hash_password(pin));
  audit::log_action(tx, actor, "user.pin_set", username);
}

}  // namespace cj::auth
