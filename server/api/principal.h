// Principal: who is making a request, as established by authentication.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cj::api {

/// The roles of CellJourney. A person holds roles per site; a station acts for one site.
enum class Role : std::uint8_t { kApheresis, kCellLab, kClinical, kPhysician, kCoordinator, kQa, kAdmin };

/// "apheresis", "cell_lab", "clinical", "physician", "coordinator", "qa", "admin": the names used
/// in the database, the API and the product definitions.
std::string_view role_name(Role role);
/// false when name is not one of them.
bool parse_role(std::string_view name, Role& role);

struct SiteRole {
  std::int64_t site_id = 0;
  std::string site_code;
  Role role = Role::kClinical;
};

struct Principal {
  enum class Kind { kUser, kStation };
  Kind kind = Kind::kUser;
  std::int64_t id = 0;               // users.id or stations.id
  std::string name;                  // username or station code
  std::vector<SiteRole> roles;       // users: every (site, role) held; stations: empty
  std::int64_t station_site_id = 0;  // stations: the one site they act for
  std::int64_t session_id = 0;       // users: the session the token belongs to

  bool is_station() const { return kind == Kind::kStation; }
  /// A user holding role at site_id (any site when site_id is 0).
  bool has_role(Role role, std::int64_t site_id = 0) const;
  /// Sites this principal may see: a station its own; a user every site they hold a role at.
  std::vector<std::int64_t> site_ids() const;
  bool can_see_site(std::int64_t site_id) const;
};

}  // namespace cj::api
