#include "server/cli/site_rules_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "server/admin/scope.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/rules/site_rules.h"
#include "server/storage/migrations.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {

constexpr int kDone = 0, kFailed = 1;
constexpr const char* kUsageText =
    "usage: celljourney site rules CODE FILE [--database URL | --data-dir DIR]\n\n"
    "Sets site CODE's rules configuration from the YAML FILE (see workflows/sites/example.yaml).\n\n";
constexpr const char* kWho = "celljourney site rules: ";

void print_check(const rules::RulesCheck& check) {
  const auto usable = check.usable();
  std::cout << "Usable products:";
  if (usable.empty()) std::cout << " none";
  for (const auto& name : usable) std::cout << " " << name;
  std::cout << "\n";
  for (const auto& product : check.products) {
    if (product.usable()) continue;
    std::cout << "Not usable: " << product.product << "\n";
    for (const auto& problem : product.problems) std::cout << "  " << problem << "\n";
  }
}

}  // namespace

int run_site_rules_command(const std::vector<std::string>& args) {
  std::string code, file;
  DatabaseChoice choice;
  po::options_description desc("celljourney site rules options");
  desc.add_options()("code", po::value(&code)->required(), "the site's code (first argument)")(
      "file", po::value(&file)->required(), "the YAML file (second argument)");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("code", 1).add("file", 1);
  po::variables_map vm;
  if (auto done = parse_command_line("site rules", kUsageText, args, desc, vm, &positional)) return *done;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << kWho << "cannot read " << file << "\n";
    return kFailed;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string yaml = text.str();

  std::string error;
  auto database = open_database(choice, error);
  if (!database) {
    std::cerr << kWho << error << "\n";
    return kFailed;
  }
  if (auto migrated = storage::migrate(database->uri()); !migrated.ok()) {
    std::cerr << kWho << migrated.error().message() << "\n";
    return kFailed;
  }
  try {
    pqxx::connection conn(database->uri());
    pqxx::work tx(conn);
    const auto site_id = admin::find_site(tx, code);
    if (!site_id) {
      std::cerr << kWho << "there is no site '" << code << "'\n";
      return kFailed;
    }
    const auto check = rules::store_site_rules(tx, *site_id, code, yaml, std::nullopt, audit::cli_actor());
    tx.commit();
    std::cout << "Rules of site " << code << " set from " << file << ".\n";
    print_check(check);
    return kDone;
  } catch (const rules::RulesRefused& e) {
    std::cerr << kWho << "refused: " << e.what() << "\n";
    for (const auto& problem : e.problems()) std::cerr << "  " << problem << "\n";
  } catch (const base::Failure& e) {
    std::cerr << kWho << e.what() << "\n";
  } catch (const pqxx::broken_connection& e) {
    std::cerr << kWho << "cannot reach the database: " << e.what() << "\n";
  } catch (const pqxx::sql_error& e) {
    std::cerr << kWho << "the database refused the change: " << e.what() << "\n";
  }
  return kFailed;
}

}  // namespace cj::cli
