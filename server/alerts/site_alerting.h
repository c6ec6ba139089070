// A site's alerting settings (table site_alerting, migration 0019): its SMTP relay, its webhook,
// how long a critical alert may stay unacknowledged before it escalates, and the address of
// this server for links in messages. Set whole with PUT /api/v1/sites/{code}/alerting or
// `celljourney alerts site CODE ...`; both read the same JSON through parse_site_alerting().
//
// The two secrets (smtp_password, webhook_secret) are write-only: absent keeps the stored one,
// null clears it, a string sets it; reading shows only whether each is set, and admin_log
// records "set", "kept" or "cleared", never a value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

namespace pqxx {
class transaction_base;
}

namespace cj::alerts {

enum class SecretChange { kKeep, kClear, kSet };

struct SiteAlerting {
  std::optional<std::string> smtp_host;
  int smtp_port = 587;
  bool smtp_starttls = true;
  std::optional<std::string> smtp_from;  // a bare address
  std::optional<std::string> smtp_user;
  SecretChange smtp_password_change = SecretChange::kKeep;
  std::string smtp_password;  // with kSet
  std::optional<std::string> webhook_url;
  SecretChange webhook_secret_change = SecretChange::kKeep;
  std::string webhook_secret;             // with kSet; at least 16 characters
  std::optional<int> escalation_seconds;  // none: no escalation
  std::optional<std::string> link_base;   // "https://celljourney.example.org", no trailing slash
};

/// Reads the settings' JSON ({"smtp_host", "smtp_port", "smtp_starttls", "smtp_from", "smtp_user",
/// "smtp_password", "webhook_url", "webhook_secret", "escalation_minutes", "link_base"}; absent is
/// null, escalation_minutes a number of minutes, fractions allowed down to a second). Throws
/// 400 INVALID_FIELD / UNKNOWN_FIELD naming the field.
SiteAlerting parse_site_alerting(const boost::json::object& body);

/// Stores settings for the site (replacing what was there, the secrets as their change says)
/// and logs it to admin_log as actor. Throws 400 INVALID_FIELD "webhook_secret" when a webhook
/// URL would be left without a secret (or a secret without a URL), "smtp_user" for a password
/// without a user.
void store_site_alerting(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                         const SiteAlerting& settings, const std::string& actor);

/// The stored settings as GET shows them (secrets as "smtp_password_set", "webhook_secret_set").
boost::json::object site_alerting_json(pqxx::transaction_base& tx, std::int64_t site_id);

}  // namespace cj::alerts
