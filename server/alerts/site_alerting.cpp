#include "server/alerts/site_alerting.h"

#include <cmath>
#include <regex>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/alerts/sql_values.h"
#include "server/api/json_fields.h"
#include "server/audit/admin_log.h"
#include "server/db/statement.h"

namespace cj::alerts {

namespace {

namespace json = boost::json;
using base::Failure;

constexpr db::Statement kOldSecrets{
    "alerts_site_alerting_old",
    "SELECT smtp_password IS NOT NULL, webhook_secret IS NOT NULL FROM site_alerting WHERE site_id = $1 FOR UPDATE"};

constexpr db::Statement kUpsert{
    "alerts_site_alerting_upsert",
    "INSERT INTO site_alerting (site_id, smtp_host, smtp_port, smtp_starttls, smtp_from, smtp_user, smtp_password,"
    "                           webhook_url, webhook_secret, escalation_seconds, link_base)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::integer, $11)"
    " ON CONFLICT (site_id) DO UPDATE SET smtp_host = EXCLUDED.smtp_host, smtp_port = EXCLUDED.smtp_port,"
    "   smtp_starttls = EXCLUDED.smtp_starttls, smtp_from = EXCLUDED.smtp_from, smtp_user = EXCLUDED.smtp_user,"
    "   smtp_password = CASE WHEN $12 THEN site_alerting.smtp_password ELSE EXCLUDED.smtp_password END,"
    "   webhook_url = EXCLUDED.webhook_url,"
    "   webhook_secret = CASE WHEN $13 THEN site_alerting.webhook_secret ELSE EXCLUDED.webhook_secret END,"
    "   escalation_seconds = EXCLUDED.escalation_seconds, link_base = EXCLUDED.link_base, updated_at = now()"};

constexpr db::Statement kRead{
    "alerts_site_alerting_read",
    "SELECT smtp_host, smtp_port, smtp_starttls, smtp_from, smtp_user, smtp_password IS NOT NULL, webhook_url,"
    "       webhook_secret IS NOT NULL, escalation_seconds, link_base, iso_utc(updated_at)"
    "  FROM site_alerting WHERE site_id = $1"};

const std::regex kHost(R"(^[A-Za-z0-9.\-]{1,253}$|^\[[0-9A-Fa-f:.]{2,45}\]$)");
const std::regex kAddress(R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$)");
const std::regex kHttpUrl(R"(^https?://[^\s/?#]+(/[^\s]*)?$)");

std::optional<std::string> text(const json::object& body, const char* key, std::size_t max_len) {
  return api::optional_string(body, key, max_len);
}

void check(const std::optional<std::string>& value, const std::regex& shape, const char* field, const char* rule) {
  if (value && !std::regex_match(*value, shape))
    throw Failure::invalid_field(field, std::string(field) + " must be " + rule + ".");
}

SecretChange secret(const json::object& body, const char* key, std::size_t min_len, std::string& out) {
  const auto* value = body.if_contains(key);
  if (value == nullptr) return SecretChange::kKeep;
  if (value->is_null()) return SecretChange::kClear;
  out = api::required_string(body, key, 1024);
  if (out.size() < min_len) {
    throw Failure::invalid_field(key,
                                 std::string(key) + " must have at least " + std::to_string(min_len) + " characters.");
  }
  return SecretChange::kSet;
}

const char* change_word(SecretChange change) {
  switch (change) {
    case SecretChange::kKeep:
      return "kept";
    case SecretChange::kClear:
      return "cleared";
    case SecretChange::kSet:
      return "set";
  }
  return "kept";
}

template <typename T>
json::value or_null(const std::optional<T>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace

SiteAlerting parse_site_alerting(const json::object& body) {
  api::refuse_unknown_fields(
      body, {"smtp_host", "smtp_port", "smtp_starttls", "smtp_from", "smtp_user", "smtp_password", "webhook_url",
             "webhook_secret", "escalation_minutes", "link_base"});
  SiteAlerting s;
  s.smtp_host = text(body, "smtp_host", 253);
  check(s.smtp_host, kHost, "smtp_host", "a host name or an IP address");
  if (const auto* port = body.if_contains("smtp_port"); port != nullptr && !port->is_null()) {
    if (!port->is_int64() || port->as_int64() < 1 || port->as_int64() > 65535) {
      throw Failure::invalid_field("smtp_port", "smtp_port must be a whole number from 1 to 65535.");
    }
    s.smtp_port = static_cast<int>(port->as_int64());
  }
  if (const auto* tls = body.if_contains("smtp_starttls"); tls != nullptr && !tls->is_null()) {
    if (!tls->is_bool()) throw Failure::invalid_field("smtp_starttls", "smtp_starttls must be true or false.");
    s.smtp_starttls = tls->as_bool();
  }
  s.smtp_from = text(body, "smtp_from", 254);
  check(s.smtp_from, kAddress, "smtp_from", "an email address such as celljourney@hospital.example");
  if (s.smtp_host.has_value() != s.smtp_from.has_value()) {
    throw Failure::invalid_field(s.smtp_host ? "smtp_from" : "smtp_host",
                                 "smtp_host and smtp_from are set together (a relay needs a sender address).");
  }
  s.smtp_user = text(body, "smtp_user", 254);
  s.smtp_password_change = secret(body, "smtp_password", 1, s.smtp_password);
  s.webhook_url = text(body, "webhook_url", 2000);
  check(s.webhook_url, kHttpUrl, "webhook_url", "an http:// or https:// URL");
  s.webhook_secret_change = secret(body, "webhook_secret", 16, s.webhook_secret);
  if (const auto* minutes = body.if_contains("escalation_minutes"); minutes != nullptr && !minutes->is_null()) {
    const char* rule = "escalation_minutes must be a number of minutes from 0.02 (1 second) to 10080 (a week).";
    if (!minutes->is_number()) throw Failure::invalid_field("escalation_minutes", rule);
    const double seconds = std::round(minutes->to_number<double>() * 60.0);
    if (!(seconds >= 1 && seconds <= 604800)) throw Failure::invalid_field("escalation_minutes", rule);
    s.escalation_seconds = static_cast<int>(seconds);
  }
  s.link_base = text(body, "link_base", 500);
  check(s.link_base, kHttpUrl, "link_base", "the http:// or https:// address people open CellJourney at");
  if (s.link_base && s.link_base->back() == '/') s.link_base->pop_back();
  return s;
}

void store_site_alerting(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                         const SiteAlerting& s, const std::string& actor) {
  bool had_password = false, had_secret = false;
  if (const auto old = db::exec(tx, kOldSecrets, site_id); !old.empty()) {
    had_password = old[0][0].as<bool>();
    had_secret = old[0][1].as<bool>();
  }
  const bool keep_password = s.smtp_password_change == SecretChange::kKeep;
  const bool keep_secret = s.webhook_secret_change == SecretChange::kKeep;
  const bool password = keep_password ? had_password : s.smtp_password_change == SecretChange::kSet;
  const bool secret = keep_secret ? had_secret : s.webhook_secret_change == SecretChange::kSet;
  if (password && !s.smtp_user) {
    throw Failure::invalid_field("smtp_user",
                                 "An SMTP password needs its smtp_user (or clear smtp_password with null).");
  }
  if (s.webhook_url.has_value() != secret) {
    throw Failure::invalid_field(
        "webhook_secret", s.webhook_url ? "A webhook_url needs its webhook_secret (16 characters or more) to sign with."
                                        : "A webhook_secret without a webhook_url: clear it with null.");
  }
  const std::optional<std::string> new_password =
      s.smtp_password_change == SecretChange::kSet ? std::optional<std::string>(s.smtp_password) : std::nullopt;
  const std::optional<std::string> new_secret =
      s.webhook_secret_change == SecretChange::kSet ? std::optional<std::string>(s.webhook_secret) : std::nullopt;
  using detail::text_or_null;
  const auto escalation = detail::number_text(s.escalation_seconds);
  db::exec0(tx, kUpsert, site_id, text_or_null(s.smtp_host), s.smtp_port, s.smtp_starttls, text_or_null(s.smtp_from),
            text_or_null(s.smtp_user), text_or_null(new_password), text_or_null(s.webhook_url),
            text_or_null(new_secret), text_or_null(escalation), text_or_null(s.link_base), keep_password, keep_secret);
  json::object details{{"smtp_host", or_null(s.smtp_host)},
                       {"smtp_port", s.smtp_port},
                       {"smtp_starttls", s.smtp_starttls},
                       {"smtp_from", or_null(s.smtp_from)},
                       {"smtp_user", or_null(s.smtp_user)},
                       {"smtp_password", change_word(s.smtp_password_change)},
                       {"webhook_url", or_null(s.webhook_url)},
                       {"webhook_secret", change_word(s.webhook_secret_change)},
                       {"escalation_seconds", or_null(s.escalation_seconds)},
                       {"link_base", or_null(s.link_base)}};
  audit::log_action(tx, actor, "site.alerting", code, details);
}

json::object site_alerting_json(pqxx::transaction_base& tx, std::int64_t site_id) {
  const auto rows = db::exec(tx, kRead, site_id);
  json::object out;
  if (rows.empty()) {
    out = {{"smtp_host", nullptr},          {"smtp_port", 587},
           {"smtp_starttls", true},         {"smtp_from", nullptr},
           {"smtp_user", nullptr},          {"smtp_password_set", false},
           {"webhook_url", nullptr},        {"webhook_secret_set", false},
           {"escalation_minutes", nullptr}, {"link_base", nullptr},
           {"updated_at", nullptr}};
    return out;
  }
  const auto& r = rows[0];
  auto opt = [&r](int i) { return r[i].is_null() ? json::value(nullptr) : json::value(r[i].as<std::string>()); };
  out["smtp_host"] = opt(0);
  out["smtp_port"] = r[1].as<int>();
  out["smtp_starttls"] = r[2].as<bool>();
  out["smtp_from"] = opt(3);
  out["smtp_user"] = opt(4);
  out["smtp_password_set"] = r[5].as<bool>();
  out["webhook_url"] = opt(6);
  out["webhook_secret_set"] = r[7].as<bool>();
  out["escalation_minutes"] = r[8].is_null() ? json::value(nullptr) : json::value(r[8].as<int>() / 60.0);
  out["link_base"] = opt(9);
  out["updated_at"] = opt(10);
  return out;
}

}  // namespace cj::alerts
