#include "server/near_misses/qa_sites.h"

#include <algorithm>

#include "base/failure.h"

namespace cj::near_misses {

bool reads_qa_inbox_at(const api::Principal& who, std::int64_t site_id) {
  return who.has_role(api::Role::kQa, site_id) || who.has_role(api::Role::kCoordinator, site_id);
}

std::vector<std::int64_t> qa_sites(const api::Principal& who, const std::optional<std::string>& site) {
  std::vector<std::int64_t> ids;
  for (const auto& held : who.roles) {
    if (held.role != api::Role::kQa && held.role != api::Role::kCoordinator) continue;
    if (site && held.site_code != *site) continue;
    if (std::find(ids.begin(), ids.end(), held.site_id) == ids.end()) ids.push_back(held.site_id);
  }
  if (site && ids.empty()) {
    throw base::Failure(base::ErrorKind::not_found, "UNKNOWN_SITE",
                        "There is no site '" + *site + "' where you hold qa or coordinator.", "site");
  }
  return ids;
}

}  // namespace cj::near_misses
