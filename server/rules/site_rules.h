// A site's rules as stored (table site_rules, migration 0004), and the product definitions
// loaded with them.
//
// Functions run inside the caller's transaction and commit nothing. Failures the client caused
// are base::Failure (the API answers them; the CLI prints their message); database failures
// throw pqxx exceptions.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/failure.h"
#include "server/rules/definition_cache.h"
#include "server/rules/rules_check.h"

namespace pqxx {
class transaction_base;
}

namespace cj::rules {

/// 400 RULES_INVALID, with every problem found (the message names the first few).
class RulesRefused : public base::Failure {
 public:
  RulesRefused(std::string message, std::vector<std::string> problems)
      : base::Failure(base::ErrorKind::invalid, "RULES_INVALID", std::move(message), "yaml"),
        problems_(std::move(problems)) {}
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

struct StoredRules {
  std::string site_code;
  std::string yaml;
  std::string updated_at;                 // "2026-11-20T10:00:00.123456Z" (the cache key's part)
  std::optional<std::string> updated_by;  // username; none when set from the command line
};

/// The site's rules, or nullopt when none were set.
std::optional<StoredRules> read_site_rules(pqxx::transaction_base& tx, std::int64_t site_id);

/// Checks yaml (check_site_rules) and stores it as the site's rules, logging "site.rules" in
/// admin_log as actor (with the text's SHA-256). updated_by: the user's id, or none (CLI).
/// Refuses with RulesRefused when it does not parse, or when a product of one of
/// the site's open journeys (active or on hold) would no longer load; the message names the
/// problems. Returns the check (usable and unusable products).
RulesCheck store_site_rules(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& site_code,
                            const std::string& yaml, std::optional<std::int64_t> updated_by, const std::string& actor);

/// The product's definition with the site's rules, through DefinitionCache::process().
/// base::Failure (conflict) RULES_MISSING when the site has no rules, or the product does not load with
/// them (the message names the missing site-set values).
std::shared_ptr<const LoadedRules> site_definition(pqxx::transaction_base& tx, std::int64_t site_id,
                                                   const std::string& product);

}  // namespace cj::rules
