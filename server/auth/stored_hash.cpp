#include "server/auth/stored_hash.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"

namespace cj::auth {

namespace {
constexpr db::Statement kHash{"auth_stored_hash", "SELECT password_hash FROM users WHERE username = $1"};
}  // namespace

std::optional<std::string> stored_password_hash(pqxx::transaction_base& tx, const std::string& username) {
  const auto rows = db::exec(tx, kHash, username);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

}  // namespace cj::auth
