// A person's email address for alerts (users.email, migration 0019): set by an administrator
// who sees the person (PUT /api/v1/users/{username}/email, `celljourney alerts email`), logged
// to admin_log. A person without one gets no alert email; their delivery is recorded as failed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace pqxx {
class transaction_base;
}

namespace cj::alerts {

/// Throws 400 INVALID_FIELD "email" unless it is an address like nora@hospital.example.
void check_email(const std::string& email);

/// Sets (or with nullopt clears) the address of user_id and logs it as actor.
void set_user_email(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& username,
                    const std::optional<std::string>& email, const std::string& actor);

}  // namespace cj::alerts
