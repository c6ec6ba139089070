// Changing a password: the person themselves, knowing the current one
// (PUT /api/v1/session/password {"password": current, "new_password"}), or an administrator of
// a site the person holds a role at, resetting a forgotten one
// (PUT /api/v1/users/{username}/password {"new_password"}: server/admin/password_reset.h).
//
// Both check the new password like at creation (password_quality.h) and end every other open
// session of the person (a reset: every one), closing their live feeds: whoever knew the old
// password is signed out. The current password is checked like a login (Access::password:
// guess-limited, on the hashing pool); a wrong one is 403 WRONG_PASSWORD and counts as a failed
// attempt. Each change is in admin_log (never a password).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "server/api/call.h"

namespace pqxx {
class transaction_base;
}

namespace cj::auth {

/// PUT /api/v1/session/password.
std::vector<api::Route> password_change_routes();

/// body's "new_password" for username; throws 400 MISSING_FIELD / INVALID_FIELD (with
/// password_problem()'s reason) when absent or not good enough.
std::string new_password_of(const boost::json::object& body, const std::string& username);

/// Stores password (hashed) as the person's, ends their open sessions but keep_session (0: all)
/// and logs action ("user.password_change", "user.password_reset") as actor. Returns the
/// sessions ended; the caller closes their feeds after committing.
std::vector<std::int64_t> store_new_password(pqxx::transaction_base& tx, std::int64_t user_id,
                                             const std::string& username, const std::string& password,
                                             std::int64_t keep_session, const std::string& actor,
                                             const std::string& action);

}  // namespace cj::auth
