// A site's settings that its administrators may change (PUT /api/v1/sites/{code}/settings,
// `celljourney site set`). Today one: how long a session or a station sign-in may stay unused
// before it ends (sites.session_idle_minutes, 1 to 720; 15 when never set). A person holding
// roles at several sites gets the shortest of theirs; a change applies at once to every open
// session, since the limit is read on each request.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/api/call.h"

namespace pqxx {
class transaction_base;
}

namespace cj::admin {

struct SiteSettings {
  int session_idle_minutes = 15;
};

inline constexpr int kMinIdleMinutes = 1;
inline constexpr int kMaxIdleMinutes = 720;

/// Throws 400 INVALID_FIELD "session_idle_minutes" outside 1..720.
void check_site_settings(const SiteSettings& settings);

/// Stores settings for the site with id site_id (code for the log) and writes the change, old
/// and new values, to admin_log as actor.
void change_site_settings(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                          const SiteSettings& settings, const std::string& actor);

/// PUT /api/v1/sites/{code}/settings {"session_idle_minutes": 10}: admins of that site; 200
/// with the site as GET /api/v1/sites shows it.
std::vector<api::Route> site_settings_routes();

}  // namespace cj::admin
