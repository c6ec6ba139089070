#include "tests/support/kymriah_site.h"

#include "server/auth/operator_credentials.h"
#include "tests/support/operator_proofs.h"

#include <fstream>
#include <sstream>
#include <utility>

#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "server/rules/site_rules.h"

namespace cj::testing {

std::string seed_kymriah_site(const std::string& uri, const SeededSite& site) {
  std::ifstream rules_file(std::string(CELLJOURNEY_SOURCE_DIR) + "/tests/workflows/sites/test_eu.yaml");
  std::stringstream rules;
  rules << rules_file.rdbuf();
  pqxx::connection conn(uri);
  pqxx::work tx(conn);
  const auto site_id = admin::create_site(tx, {site.code, site.name, site.fin}, "test");
  (void)rules::store_site_rules(tx, site_id, site.code, rules.str(), std::nullopt, "test");
  const std::pair<std::string, std::string> people[] = {{"cora." + site.code, "coordinator@" + site.code},
                                                        {"ann." + site.code, "apheresis@" + site.code}};
  for (const auto& [name, role] : people) {
    admin::create_user(tx, {name, "Test " + name, kSeededPassword, {admin::parse_role_at_site(role, "role")}}, "test");
    tx.exec_params0(
        "INSERT INTO qualifications (user_id, qualification, valid_from, valid_until) SELECT id, 'kymriah',"
        " now() - interval '1 year', now() + interval '1 year' FROM users WHERE username = $1",
        name);
    const auto id = tx.exec_params1("SELECT id FROM users WHERE username = $1", name)[0].as<std::int64_t>();
    auth::set_badge(tx, id, name, badge_of(name), "test");
    auth::set_pin(tx, id, name, kPin, "test");
  }
  const std::string key = admin::create_station(tx, {site.station, site.code, "Apheresis"}, "test");
  tx.commit();
  return key;
}

}  // namespace cj::testing
