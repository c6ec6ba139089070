// The demo's people and what must exist before the API can be used: the site and its
// administrator, and its label printer (demo.h).
#include <cctype>
#include <algorithm>
#include <filesystem>

#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/admin/users.h"
#include "server/demo/demo.h"
#include "server/labelling/printers.h"

namespace cj::demo {

const std::vector<Login>& logins() {
  static const std::vector<Login> kLogins{{"admin", "ada"},      {"coordinator", "cora"}, {"apheresis", "ann"},
                                          {"cell_lab", "alice"}, {"clinical", "nina"},    {"physician", "paul"},
                                          {"qa", "quinn"}};
  return kLogins;
}

bool database_is_empty(const std::string& uri) {
  pqxx::connection conn(uri);
  pqxx::read_transaction tx(conn, "demo: empty?");
  return tx.exec1("SELECT NOT EXISTS (SELECT 1 FROM sites)")[0].as<bool>();
}

bool has_demo_site(const std::string& uri) {
  pqxx::connection conn(uri);
  pqxx::read_transaction tx(conn, "demo: there?");
  return tx.exec_params1("SELECT EXISTS (SELECT 1 FROM sites WHERE code = $1)", kSite)[0].as<bool>();
}

void bootstrap(const std::string& uri, const std::filesystem::path& label_dir) {
  // The printer writes each job to a file (the real file:// adapter), so that printing works on a
  // machine without a label printer; the directory must exist before the first job.
  const auto dir = std::filesystem::absolute(label_dir);
  std::filesystem::create_directories(dir);
  pqxx::connection conn(uri);
  pqxx::work tx(conn, "demo: bootstrap");
  admin::create_site(tx, {kSite, "Demo Hospital (demo data only)", "A9998"}, "celljourney-demo");
  admin::create_user(tx,
                     {"ada",
                      "Ada (demo administrator)",
                      kPassword,
                      {admin::parse_role_at_site(std::string("admin@") + kSite, "role")}},
                     "celljourney-demo");
  labelling::add_printer(tx,
                         {kSite, kPrinter, "file://" + (dir / (std::string(kPrinter) + ".zpl")).string(), "zpl", 203},
                         "celljourney-demo");
  tx.commit();
}

std::string badge_of(const std::string& username) {
  std::string badge = "DEMO-";
  for (const char c : username) badge += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return badge;
}

std::string describe_logins() {
  std::string text = "  demo:     site '" + std::string(kSite) +
                     "' with 6 journeys (seeded by --demo only); logins, password '" + kPassword +
                     "'; at a station (scripts/station) scan or type the badge, PIN " + kPin + ":\n";
  for (const Login& login : logins()) {
    text += "            " + login.role + std::string(12 - std::min<std::size_t>(11, login.role.size()), ' ') +
            login.username + std::string(8 - std::min<std::size_t>(7, login.username.size()), ' ') + "badge " +
            badge_of(login.username) + "\n";
  }
  return text;
}

}  // namespace cj::demo
