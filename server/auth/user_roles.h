// Reading the roles a person holds, per site.
#pragma once

#include <cstdint>
#include <vector>

#include "server/api/principal.h"

namespace pqxx {
class transaction_base;
}

namespace cj::auth {

/// Every (site, role) the user holds, ordered by site code then role name.
std::vector<api::SiteRole> load_roles(pqxx::transaction_base& tx, std::int64_t user_id);

}  // namespace cj::auth
