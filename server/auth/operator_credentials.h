// Setting a person's badge and PIN, wherever they are set (PUT /api/v1/users/{u}/badge and
// /pin, PUT /api/v1/session/pin, `celljourney user badge` / `user pin`), each change written to
// admin_log (the badge key, never the PIN).
#pragma once

#include <cstdint>
#include <string>

namespace pqxx {
class transaction_base;
}

namespace cj::auth {

/// Stores badge_key(raw) as user_id's badge. 400 INVALID_FIELD badge (empty, too long, not
/// printable); 409 BADGE_TAKEN when another person has it.
void set_badge(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& username, const std::string& raw,
               const std::string& actor);

/// Stores the argon2id hash of pin. 400 WEAK_PIN (field "pin") naming the rule broken.
void set_pin(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& username, const std::string& pin,
             const std::string& actor);

/// Throws 400 WEAK_PIN when pin breaks a rule of server/auth/pin_rules.h.
void check_pin(const std::string& pin);

}  // namespace cj::auth
