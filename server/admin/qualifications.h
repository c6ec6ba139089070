// Qualifications: the training a person holds ("car-t-core", or a product's own training named as
// its definition's `qualification`, e.g. "kymriah"), with its validity. The workflows check them
// when an operator records a step. (/api/v1/users/{username}/qualifications,
// `celljourney qualification add`)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "server/api/call.h"

namespace pqxx {
class transaction_base;
}

namespace cj::admin {

struct NewQualification {
  std::string qualification;                  // "kymriah"
  std::string valid_from;                     // "2026-01-31" or "2026-01-31T08:00:00Z" (UTC)
  std::optional<std::string> valid_until;     // none: does not expire
  std::optional<std::string> issuing_centre;  // none: issued by this installation
};

/// Checks and records a qualification for the user, logging it as actor; returns it as the API
/// shows it. 400 INVALID_FIELD naming the field at fault.
boost::json::object add_qualification(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& username,
                                      const NewQualification& q, const std::string& actor);

/// GET/POST /api/v1/users/{username}/qualifications: role admin, for people they can see.
std::vector<api::Route> qualification_routes();

}  // namespace cj::admin
