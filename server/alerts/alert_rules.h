// A site's alert rules (table alert_rules, migration 0019): for each trigger, who hears of it
// (roles at the site, named people), on which channels, and who hears of it again when a
// critical alert is not acknowledged in the site's escalation time. One rule per site and
// trigger; setting it again replaces it, removing it stops it firing (the row stays: its alerts
// name it). The triggers: overdue_clock (the sweeper's OVERDUE), critical_deviation (any
// deviation of severity critical), temperature_excursion (TEMP_EXCURSION, TEMP_DATA_GAP,
// TEMPERATURE_OUT_OF_RANGE), near_miss (another patient's identity scanned).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace pqxx {
class transaction_base;
}

namespace cj::alerts {

inline constexpr const char* kTriggers[] = {"overdue_clock", "critical_deviation", "temperature_excursion",
                                            "near_miss"};

struct AlertRule {
  std::string trigger;
  std::vector<std::string> channels;  // "email", "webhook", "browser"
  std::vector<std::string> roles;
  std::vector<std::string> users;  // usernames
  std::vector<std::string> escalate_roles;
  std::vector<std::string> escalate_users;
};

/// Throws 400 INVALID_FIELD "trigger" when it is not one of kTriggers.
void check_trigger(const std::string& trigger);

/// Reads {"channels": [...], "roles": [...], "users": [...], "escalate_roles": [...],
/// "escalate_users": [...]} (channels required, the others default to none). Throws 400
/// INVALID_FIELD naming the element ("channels[1]") or UNKNOWN_FIELD.
AlertRule parse_alert_rule(const std::string& trigger, const boost::json::object& body);

/// Sets the rule at the site (usernames must exist: 400 INVALID_FIELD "users[0]"), logs it.
void store_alert_rule(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code, const AlertRule& rule,
                      const std::string& actor);

/// Stops the rule firing; false when the site had no such rule. Logs it.
bool remove_alert_rule(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                       const std::string& trigger, const std::string& actor);

/// The site's active rules as the API shows them.
boost::json::array alert_rules_json(pqxx::transaction_base& tx, std::int64_t site_id);

}  // namespace cj::alerts
