#include "server/auth/stored_hash.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"

namespace cj::auth {

namespace {
constexpr db::Statement kHash{"auth_stored_hash", "SELECT password_hash FROM users WHERE username = $1"};
constexpr db::Statement kPinByBadge{"auth_stored_pin_by_badge",
                                    "SELECT username, COALESCE(pin_hash, '') FROM users WHERE badge_code = $1"};
constexpr db::Statement kPinByName{"auth_stored_pin_by_name",
                                   "SELECT username, COALESCE(pin_hash, '') FROM users WHERE username = $1"};
}  // namespace

std::optional<std::string> stored_password_hash(pqxx::transaction_base& tx, const std::string& username) {
  const auto rows = db::exec(tx, kHash, username);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

StoredPin stored_pin_hash(pqxx::transaction_base& tx, const std::string& badge_key, const std::string& username) {
  const auto rows = badge_key.empty() ? db::exec(tx, kPinByName, username) : db::exec(tx, kPinByBadge, badge_key);
  if (rows.empty()) return {badge_key.empty() ? username : "badge:" + badge_key, {}};
  return {rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

}  // namespace cj::auth
