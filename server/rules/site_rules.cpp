#include "server/rules/site_rules.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "base/failure.h"
#include "server/db/statement.h"
#include "server/journal/hash.h"

namespace cj::rules {

using base::Failure;

namespace {

constexpr const char* kMicroseconds = "YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"";

constexpr db::Statement kRead{
    "rules_site_read",
    "SELECT s.code, r.yaml, to_char(r.updated_at AT TIME ZONE 'UTC', $2), u.username "
    "FROM site_rules r JOIN sites s ON s.id = r.site_id LEFT JOIN users u ON u.id = r.updated_by "
    "WHERE r.site_id = $1"};
constexpr db::Statement kLockSite{"rules_site_lock_site", "SELECT 1 FROM sites WHERE id = $1 FOR UPDATE"};
constexpr db::Statement kOpenProducts{
    "rules_site_open_products",
    "SELECT DISTINCT product FROM journeys WHERE site_id = $1 AND status IN ('active', 'on_hold') ORDER BY 1"};
constexpr db::Statement kStore{
    "rules_site_store",
    "INSERT INTO site_rules (site_id, yaml, updated_at, updated_by) VALUES ($1, $2, clock_timestamp(), $3) "
    "ON CONFLICT (site_id) DO UPDATE SET yaml = EXCLUDED.yaml, updated_at = EXCLUDED.updated_at, "
    "updated_by = EXCLUDED.updated_by"};

std::string joined(const std::vector<std::string>& items, std::size_t max_items = 5) {
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < max_items; ++i) text += (i ? "; " : "") + items[i];
  if (items.size() > max_items) text += "; and " + std::to_string(items.size() - max_items) + " more";
  return text;
}

}  // namespace

std::optional<StoredRules> read_site_rules(pqxx::transaction_base& tx, std::int64_t site_id) {
  const auto rows = db::exec(tx, kRead, site_id, kMicroseconds);
  if (rows.empty()) return std::nullopt;
  StoredRules rules{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>(),
                    std::nullopt};
  if (!rows[0][3].is_null()) rules.updated_by = rows[0][3].as<std::string>();
  return rules;
}

RulesCheck store_site_rules(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& site_code,
                            const std::string& yaml, std::optional<std::int64_t> updated_by, const std::string& actor) {
  auto check = check_site_rules(yaml, "site-rules/" + site_code);
  if (!check.parsed()) {
    throw RulesRefused("The site rules do not read: " + joined(check.problems), check.problems);
  }
  // Take the site's row lock first: a journey created meanwhile waits, and its product is seen.
  db::exec(tx, kLockSite, site_id);
  for (const auto& row : db::exec(tx, kOpenProducts, site_id)) {
    const auto product = row[0].as<std::string>();
    const auto* found = check.find(product);
    if (found && !found->usable()) {
      throw RulesRefused("Open journeys at this site use " + product +
                             ", which would not load with these rules: " + joined(found->problems),
                         found->problems);
    }
  }
  const std::string by = updated_by ? std::to_string(*updated_by) : std::string();
  db::exec0(tx, kStore, site_id, yaml, updated_by ? by.c_str() : nullptr);
  boost::json::array usable;
  for (const auto& name : check.usable()) usable.emplace_back(name);
  audit::log_action(tx, actor, "site.rules", site_code,
                    boost::json::object{{"sha256", journal::to_hex(journal::sha256(yaml))}, {"usable", usable}});
  return check;
}

std::shared_ptr<const LoadedRules> site_definition(pqxx::transaction_base& tx, std::int64_t site_id,
                                                   const std::string& product) {
  const auto stored = read_site_rules(tx, site_id);
  if (!stored) {
    throw Failure::conflict("RULES_MISSING",
                            "This site has no rules configuration yet: an administrator sets it with PUT "
                            "/api/v1/sites/{code}/rules or `celljourney site rules`.");
  }
  auto loaded = DefinitionCache::process().get(site_id, stored->updated_at, product, stored->yaml,
                                               "site-rules/" + stored->site_code);
  if (!loaded->ok()) {
    throw Failure::conflict("RULES_MISSING", "Product " + product + " cannot be used at this site with its rules: " +
                                                 joined(loaded->problems));
  }
  return loaded;
}

}  // namespace cj::rules
