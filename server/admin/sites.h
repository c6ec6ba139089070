// Sites: the hospitals and centres taking part (GET/POST /api/v1/sites, `celljourney site add`).
#pragma once

#include <string>
#include <cstdint>
#include <vector>

#include <boost/json/object.hpp>

#include "server/api/call.h"

namespace pqxx {
class transaction_base;
}

namespace cj::admin {

struct NewSite {
  std::string code;  // "city-hospital"
  std::string name;  // "City Hospital"
  std::string fin;   // ISBT 128 Facility Identification Number, 5 characters
};

/// Checks and inserts a site, logging it as actor; returns its id. 409 SITE_EXISTS when the
/// code or the FIN is taken.
std::int64_t create_site(pqxx::transaction_base& tx, const NewSite& site, const std::string& actor);

/// The site as the API shows it: {"code", "name", "fin", "created_at", "session_idle_minutes"}.
boost::json::object site_json_by_id(pqxx::transaction_base& tx, std::int64_t site_id);

/// GET /api/v1/sites (any logged-in user: the sites they hold a role at),
/// POST /api/v1/sites (admin at some site; the creator becomes admin of the new site).
std::vector<api::Route> site_routes();

}  // namespace cj::admin
