#include "server/api/principal.h"

#include <algorithm>
#include <array>

namespace cj::api {

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 7> kRoleNames{{
    {Role::kApheresis, "apheresis"},
    {Role::kCellLab, "cell_lab"},
    {Role::kClinical, "clinical"},
    {Role::kPhysician, "physician"},
    {Role::kCoordinator, "coordinator"},
    {Role::kQa, "qa"},
    {Role::kAdmin, "admin"},
}};
}  // namespace

std::string_view role_name(Role role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "unknown";
}

bool parse_role(std::string_view name, Role& role) {
  for (const auto& [r, n] : kRoleNames) {
    if (n == name) {
      role = r;
      return true;
    }
  }
  return false;
}

bool Principal::has_role(Role role, std::int64_t site_id) const {
  return std::any_of(roles.begin(), roles.end(),
                     [&](const SiteRole& r) { return r.role == role && (site_id == 0 || r.site_id == site_id); });
}

std::vector<std::int64_t> Principal::site_ids() const {
  if (is_station()) return {station_site_id};
  std::vector<std::int64_t> ids;
  for (const auto& r : roles) {
    if (std::find(ids.begin(), ids.end(), r.site_id) == ids.end()) ids.push_back(r.site_id);
  }
  return ids;
}

bool Principal::can_see_site(std::int64_t site_id) const {
  const auto ids = site_ids();
  return std::find(ids.begin(), ids.end(), site_id) != ids.end();
}

}  // namespace cj::api
