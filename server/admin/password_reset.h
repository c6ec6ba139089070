// PUT /api/v1/users/{username}/password {"new_password"}: an administrator of a site the person
// holds a role at sets a new password for someone who forgot theirs. Checked like at creation;
// every session of the person ends and their live feeds close; logged as user.password_reset.
// (Changing one's own: server/auth/password_change.h.)
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::admin {

std::vector<api::Route> password_reset_routes();

}  // namespace cj::admin
