#include "server/forms/product_rules.h"

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/admin/scope.h"
#include "server/rules/site_rules.h"

namespace cj::forms {

using base::Failure;

std::int64_t rules_site(pqxx::transaction_base& tx, const api::Principal& who, const std::optional<std::string>& site) {
  if (site) {
    // Another hospital's site answers like one that does not exist.
    const auto id = admin::find_site(tx, *site);
    if (!id || !who.can_see_site(*id)) {
      throw Failure(base::ErrorKind::not_found, "UNKNOWN_SITE", "No site '" + *site + "' of yours.", "site");
    }
    return *id;
  }
  if (who.is_station()) return who.station_site_id;
  const auto sites = who.site_ids();
  if (sites.size() != 1) {
    throw Failure::invalid_field("site",
                                 "You hold roles at several sites: name the site whose rules apply (?site=CODE).");
  }
  return sites.front();
}

std::shared_ptr<const rules::LoadedRules> product_at_site(pqxx::transaction_base& tx, const api::Principal& who,
                                                          const std::string& product,
                                                          const std::optional<std::string>& site) {
  return rules::site_definition(tx, rules_site(tx, who, site), product);
}

}  // namespace cj::forms
