#include "server/alerts/alert_outbox.h"

#include <pqxx/pqxx>

#include "server/alerts/retry_policy.h"
#include "server/db/statement.h"

namespace cj::alerts {

namespace {

constexpr db::Statement kClaim{
    "alerts_outbox_claim",
    "SELECT d.id, d.channel, d.recipient, d.attempts, d.alert_id, d.purpose, a.trigger, a.site_id, s.code, s.name,"
    "       a.severity, a.code, j.coi, p.initials,"
    "       coalesce(dv.message, 'Another patient''s ' || n.foreign_kind || ' was scanned at ' || n.step"
    "                || ' (' || n.code || ').'),"
    "       iso_utc(a.raised_at), a.deviation_id, a.near_miss_id, coalesce(sa.link_base, ''),"
    "       sa.smtp_host, sa.smtp_port, sa.smtp_starttls, sa.smtp_from, sa.smtp_user, sa.smtp_password,"
    "       sa.webhook_secret"
    "  FROM alert_deliveries d"
    "  JOIN alerts a ON a.id = d.alert_id"
    "  JOIN sites s ON s.id = a.site_id"
    "  JOIN journeys j ON j.id = a.journey_id"
    "  JOIN patients p ON p.id = j.patient_id"
    "  LEFT JOIN deviations dv ON dv.id = a.deviation_id"
    "  LEFT JOIN near_misses n ON n.id = a.near_miss_id"
    "  LEFT JOIN site_alerting sa ON sa.site_id = a.site_id"
    " WHERE d.state = 'pending' AND d.next_attempt_at <= clock_timestamp()"
    " ORDER BY d.next_attempt_at, d.id LIMIT 1"
    "   FOR UPDATE OF d SKIP LOCKED"};

constexpr db::Statement kSent{
    "alerts_outbox_sent",
    "WITH done AS (UPDATE alert_deliveries SET state = 'sent', attempts = $2, sent_at = clock_timestamp(),"
    "              last_error = NULL WHERE id = $1 RETURNING id)"
    " INSERT INTO alert_attempts (delivery_id, attempt, outcome) SELECT id, $2, 'sent' FROM done"};

constexpr db::Statement kFailed{
    "alerts_outbox_failed",
    "WITH done AS (UPDATE alert_deliveries SET attempts = $2, last_error = $3,"
    "              state = CASE WHEN $4 THEN 'failed' ELSE 'pending' END,"
    "              next_attempt_at = clock_timestamp() + make_interval(secs => $5)"
    "              WHERE id = $1 RETURNING id)"
    " INSERT INTO alert_attempts (delivery_id, attempt, outcome, error) SELECT id, $2, 'failed', $3 FROM done"};

constexpr db::Statement kDueEscalations{
    "alerts_outbox_due_escalations",
    "SELECT a.id FROM alerts a"
    "  JOIN site_alerting sa ON sa.site_id = a.site_id"
    "  LEFT JOIN deviations dv ON dv.id = a.deviation_id"
    "  LEFT JOIN near_misses n ON n.id = a.near_miss_id"
    " WHERE a.severity = 'critical' AND a.escalated_at IS NULL AND a.acknowledged_at IS NULL"
    "   AND sa.escalation_seconds IS NOT NULL"
    "   AND a.raised_at + make_interval(secs => sa.escalation_seconds) <= clock_timestamp()"
    "   AND (dv.id IS NULL OR dv.status = 'open') AND (n.id IS NULL OR n.reviewed_at IS NULL)"
    " ORDER BY a.raised_at LIMIT $1"
    "   FOR UPDATE OF a SKIP LOCKED"};

constexpr db::Statement kEscalate{
    "alerts_outbox_escalate",
    "WITH marked AS (UPDATE alerts SET escalated_at = clock_timestamp() WHERE id = $1 RETURNING id)"
    " SELECT alert_fan_out(id, 'escalation') FROM marked"};

template <typename T>
std::optional<T> maybe(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<T>();
}

}  // namespace

std::optional<DueDelivery> claim_due_delivery(pqxx::transaction_base& tx) {
  const auto rows = db::exec(tx, kClaim);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  DueDelivery d;
  d.id = r[0].as<std::int64_t>();
  d.channel = r[1].as<std::string>();
  d.recipient = r[2].as<std::string>();
  d.attempts = r[3].as<int>();
  auto& f = d.facts;
  f.alert_id = r[4].as<std::int64_t>();
  f.purpose = r[5].as<std::string>();
  f.trigger = r[6].as<std::string>();
  f.site_id = r[7].as<std::int64_t>();
  f.site_code = r[8].as<std::string>();
  f.site_name = r[9].as<std::string>();
  f.severity = r[10].as<std::string>();
  f.code = r[11].as<std::string>();
  f.coi = r[12].as<std::string>();
  f.initials = r[13].as<std::string>();
  f.message = r[14].as<std::string>();
  f.raised_at = r[15].as<std::string>();
  f.deviation_id = maybe<std::int64_t>(r[16]);
  f.near_miss_id = maybe<std::int64_t>(r[17]);
  f.link_base = r[18].as<std::string>();
  if (!r[19].is_null() && !r[22].is_null()) {
    SmtpRelay relay;
    relay.host = r[19].as<std::string>();
    relay.port = r[20].as<int>();
    relay.starttls = r[21].as<bool>();
    relay.from = r[22].as<std::string>();
    relay.user = r[23].is_null() ? "" : r[23].as<std::string>();
    relay.password = r[24].is_null() ? "" : r[24].as<std::string>();
    d.relay = std::move(relay);
  }
  d.webhook_secret = maybe<std::string>(r[25]);
  return d;
}

void record_sent(pqxx::transaction_base& tx, const DueDelivery& delivery) {
  db::exec0(tx, kSent, delivery.id, delivery.attempts + 1);
}

bool record_failure(pqxx::transaction_base& tx, const DueDelivery& delivery, const std::string& error, bool permanent) {
  const int attempts = delivery.attempts + 1;
  const bool give_up = permanent || gives_up(attempts);
  db::exec0(tx, kFailed, delivery.id, attempts, error, give_up, static_cast<double>(retry_delay(attempts).count()));
  return give_up;
}

std::vector<std::int64_t> escalate_due(pqxx::transaction_base& tx, int limit) {
  std::vector<std::int64_t> ids;
  for (const auto& row : db::exec(tx, kDueEscalations, limit)) ids.push_back(row[0].as<std::int64_t>());
  for (const auto id : ids) db::exec(tx, kEscalate, id);
  return ids;
}

}  // namespace cj::alerts
