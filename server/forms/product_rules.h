// Which product definition a form is built from: the product loaded with the rules of the site
// the caller asks for (rules/site_rules.h, the same cache the scans use, so that the form and the
// engine's check of the event agree).
//
// Runs inside the caller's transaction. Errors: base::Failure; database failures throw.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "server/api/principal.h"
#include "server/rules/definition_cache.h"

namespace pqxx {
class transaction_base;
}

namespace cj::forms {

/// The site whose rules apply: a station's own (404 when site names another); for a user the
/// site named (404 unless they hold a role there) or, with none named, the one site they hold
/// roles at (400 INVALID_FIELD site when they hold roles at several).
std::int64_t rules_site(pqxx::transaction_base& tx, const api::Principal& who, const std::optional<std::string>& site);

/// The product's definition with that site's rules; 409 RULES_MISSING when it does not load.
std::shared_ptr<const rules::LoadedRules> product_at_site(pqxx::transaction_base& tx, const api::Principal& who,
                                                          const std::string& product,
                                                          const std::optional<std::string>& site);

}  // namespace cj::forms
