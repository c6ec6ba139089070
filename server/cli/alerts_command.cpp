#include "server/cli/alerts_command.h"

#include <iostream>
#include <iterator>

#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/admin/scope.h"
#include "server/alerts/alert_rules.h"
#include "server/alerts/site_alerting.h"
#include "server/alerts/user_email.h"
#include "server/audit/admin_log.h"
#include "server/cli/admin_transaction.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"

namespace cj::cli {

namespace {

namespace po = boost::program_options;
namespace json = boost::json;

constexpr const char* kUsage =
    "usage: celljourney alerts email USERNAME (ADDRESS | --clear)\n"
    "       celljourney alerts site CODE [JSON | -]\n"
    "       celljourney alerts rule CODE TRIGGER [JSON | - | --remove]\n\n"
    "JSON is what PUT /api/v1/sites/{code}/alerting or .../alert-rules/{trigger} takes (docs/api/openapi.yaml);\n"
    "'-' or nothing reads it from stdin (keep passwords and secrets off the command line). Triggers:\n"
    "overdue_clock, critical_deviation, temperature_excursion, near_miss.\n\n";

// The JSON object given, or read from stdin; nullopt (after a message) when it is not one.
std::optional<json::object> body_of(const std::string& text) {
  std::string source = text;
  if (source.empty() || source == "-") source.assign(std::istreambuf_iterator<char>(std::cin), {});
  boost::system::error_code ec;
  auto value = json::parse(source, ec);
  if (ec || !value.is_object()) {
    std::cerr << "celljourney alerts: the settings must be one JSON object (" << (ec ? ec.message() : "not an object")
              << ")\n";
    return std::nullopt;
  }
  return value.as_object();
}

std::int64_t site_id_of(pqxx::transaction_base& tx, const std::string& code) {
  const auto id = admin::find_site(tx, code);
  if (!id) throw base::Failure(base::ErrorKind::not_found, "UNKNOWN_SITE", "There is no site '" + code + "'.");
  return *id;
}

}  // namespace

int run_alerts_command(const std::vector<std::string>& args) {
  std::vector<std::string> words;
  bool clear = false, remove = false;
  DatabaseChoice choice;
  po::options_description desc("celljourney alerts options");
  desc.add_options()("words", po::value(&words)->multitoken(), "what and whom (see usage)")(
      "clear", po::bool_switch(&clear), "alerts email: remove the person's address")(
      "remove", po::bool_switch(&remove), "alerts rule: stop the rule firing");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("words", -1);
  po::variables_map vm;
  if (auto done = parse_command_line("alerts", kUsage, args, desc, vm, &positional)) return *done;
  const std::string what = words.empty() ? "" : words[0];
  const std::string actor = audit::cli_actor();
  if (what == "email" && (words.size() == 3 || (words.size() == 2 && clear))) {
    const std::optional<std::string> email = clear ? std::nullopt : std::optional<std::string>(words[2]);
    const int rc = run_admin_transaction("celljourney alerts email: ", choice, [&](pqxx::work& tx) {
      const auto id = admin::find_user(tx, words[1]);
      if (!id) throw base::Failure(base::ErrorKind::not_found, "UNKNOWN_USER", "There is no user '" + words[1] + "'.");
      alerts::set_user_email(tx, *id, words[1], email, actor);
    });
    if (rc == 0) std::cout << words[1] << ": " << (email ? "alerts are mailed to " + *email : "no alert email") << "\n";
    return rc;
  }
  if (what == "site" && (words.size() == 2 || words.size() == 3)) {
    const auto body = body_of(words.size() == 3 ? words[2] : "");
    if (!body) return 2;
    int rc = 1;
    try {
      const auto settings = alerts::parse_site_alerting(*body);
      rc = run_admin_transaction("celljourney alerts site: ", choice, [&](pqxx::work& tx) {
        alerts::store_site_alerting(tx, site_id_of(tx, words[1]), words[1], settings, actor);
      });
    } catch (const base::Failure& f) {
      std::cerr << "celljourney alerts site: " << f.what() << "\n";
      return 1;
    }
    if (rc == 0) std::cout << "Site " << words[1] << ": alerting settings stored.\n";
    return rc;
  }
  if (what == "rule" && (words.size() == 3 || words.size() == 4)) {
    const std::string& code = words[1];
    const std::string& trigger = words[2];
    int rc = 1;
    try {
      if (remove) {
        rc = run_admin_transaction("celljourney alerts rule: ", choice, [&](pqxx::work& tx) {
          if (!alerts::remove_alert_rule(tx, site_id_of(tx, code), code, trigger, actor)) {
            throw base::Failure::not_found(code + " has no " + trigger + " alert rule.");
          }
        });
      } else {
        const auto body = body_of(words.size() == 4 ? words[3] : "");
        if (!body) return 2;
        const auto rule = alerts::parse_alert_rule(trigger, *body);
        rc = run_admin_transaction("celljourney alerts rule: ", choice, [&](pqxx::work& tx) {
          alerts::store_alert_rule(tx, site_id_of(tx, code), code, rule, actor);
        });
      }
    } catch (const base::Failure& f) {
      std::cerr << "celljourney alerts rule: " << f.what() << "\n";
      return 1;
    }
    if (rc == 0)
      std::cout << "Site " << code << ": " << trigger << " rule " << (remove ? "removed" : "stored") << ".\n";
    return rc;
  }
  std::cerr << kUsage << desc;
  return 2;
}

}  // namespace cj::cli
