// A site's settings that its administrators may change (PUT /api/v1/sites/{code}/settings,
// `celljourney site set`), each one optional in a change:
//  - session_idle_minutes: how long a session or a station sign-in may stay unused before it
//    ends (1 to 720; 15 when never set). A person holding roles at several sites gets the
//    shortest of theirs; a change applies at once to every open session, since the limit is
//    read on each request.
//  - time_zone: the IANA zone ("Europe/Berlin") in which the pages show the site's times; null
//    returns to the installation's labels.time_zone setting, else UTC (a new site's zone).
//    Checked against PostgreSQL's zone list, which is the one that formats the times.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/api/call.h"

namespace pqxx {
class transaction_base;
}

namespace cj::admin {

struct SiteSettings {
  std::optional<int> session_idle_minutes;  // none: unchanged
  std::optional<std::string> time_zone;     // none: unchanged (see clear_time_zone)
  bool clear_time_zone = false;             // back to the installation's zone
};

inline constexpr int kMinIdleMinutes = 1;
inline constexpr int kMaxIdleMinutes = 720;

/// Throws 400 INVALID_FIELD "session_idle_minutes" outside 1..720, "time_zone" when it is not a
/// zone name's shape; MISSING_FIELD when the change changes nothing.
void check_site_settings(const SiteSettings& settings);

/// Stores settings for the site with id site_id (code for the log) and writes the change, old
/// and new values, to admin_log as actor. Throws 400 INVALID_FIELD "time_zone" for a zone
/// PostgreSQL does not know.
void change_site_settings(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                          const SiteSettings& settings, const std::string& actor);

/// PUT /api/v1/sites/{code}/settings {"session_idle_minutes": 10, "time_zone": "Europe/Paris"}:
/// admins of that site; 200 with the site as GET /api/v1/sites shows it.
std::vector<api::Route> site_settings_routes();

}  // namespace cj::admin
