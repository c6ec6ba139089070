#include "server/alerts/alert_store.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/db/statement.h"
#include "server/feed/feed_notice.h"

namespace cj::alerts {

namespace {

namespace json = boost::json;

// One JSON document per alert, built by PostgreSQL: the alert, its status, its deliveries with
// their attempts. $1: the sites; $2: the status or NULL; $3: the limit; $4: one id or NULL.
constexpr const char* kSelect =
    "SELECT jsonb_build_object("
    "  'id', a.id, 'site', s.code, 'trigger', a.trigger, 'journey', j.coi, 'code', a.code,"
    "  'severity', a.severity, 'deviation_id', a.deviation_id, 'near_miss_id', a.near_miss_id,"
    "  'message', coalesce(dv.message, 'Another patient''s ' || n.foreign_kind || ' was scanned at ' || n.step"
    "                      || ' (' || n.code || ').'),"
    "  'raised_at', iso_utc(a.raised_at), 'status', st.status,"
    "  'acknowledged_at', iso_utc(a.acknowledged_at), 'acknowledged_by', ack.username,"
    "  'escalated_at', iso_utc(a.escalated_at),"
    "  'deliveries', (SELECT coalesce(jsonb_agg(jsonb_build_object("
    "       'id', d.id, 'purpose', d.purpose, 'channel', d.channel, 'recipient', d.recipient,"
    "       'state', d.state, 'attempts', d.attempts, 'last_error', d.last_error,"
    "       'created_at', iso_utc(d.created_at), 'sent_at', iso_utc(d.sent_at),"
    "       'next_attempt_at', CASE WHEN d.state = 'pending' THEN iso_utc(d.next_attempt_at) END,"
    "       'history', (SELECT coalesce(jsonb_agg(jsonb_build_object('attempt', t.attempt, 'at', iso_utc(t.at),"
    "                      'outcome', t.outcome, 'error', t.error) ORDER BY t.id), '[]')"
    "                    FROM alert_attempts t WHERE t.delivery_id = d.id)) ORDER BY d.id), '[]')"
    "     FROM alert_deliveries d WHERE d.alert_id = a.id))::text"
    "  FROM alerts a"
    "  JOIN sites s ON s.id = a.site_id"
    "  JOIN journeys j ON j.id = a.journey_id"
    "  LEFT JOIN deviations dv ON dv.id = a.deviation_id"
    "  LEFT JOIN near_misses n ON n.id = a.near_miss_id"
    "  LEFT JOIN users ack ON ack.id = a.acknowledged_by"
    "  CROSS JOIN LATERAL (SELECT CASE WHEN a.acknowledged_at IS NOT NULL OR coalesce(dv.status, 'open') <> 'open'"
    "                                   OR n.reviewed_at IS NOT NULL THEN 'acknowledged' ELSE 'open' END AS status) st"
    " WHERE a.site_id = ANY ($1::bigint[]) AND ($2::text IS NULL OR st.status = $2)"
    "   AND ($4::bigint IS NULL OR a.id = $4)"
    " ORDER BY a.raised_at DESC, a.id DESC LIMIT $3";

constexpr db::Statement kList{"alerts_store_list", kSelect};

constexpr db::Statement kSite{"alerts_store_site", "SELECT site_id FROM alerts WHERE id = $1"};

constexpr db::Statement kAcknowledge{"alerts_store_acknowledge",
                                     "UPDATE alerts SET acknowledged_at = clock_timestamp(), acknowledged_by = $2"
                                     " WHERE id = $1 AND acknowledged_at IS NULL"};

}  // namespace

json::array list_alerts(pqxx::transaction_base& tx, const AlertFilter& filter) {
  json::array out;
  const char* status = filter.status ? filter.status->c_str() : nullptr;
  const char* no_id = nullptr;
  for (const auto& row : db::exec(tx, kList, admin::id_array(filter.site_ids), status, filter.limit, no_id)) {
    out.push_back(json::parse(row[0].as<std::string>()));
  }
  return out;
}

std::optional<json::object> find_alert(pqxx::transaction_base& tx, std::int64_t id) {
  const auto site = alert_site(tx, id);
  if (!site) return std::nullopt;
  const char* status = nullptr;
  const auto rows = db::exec(tx, kList, admin::id_array({*site}), status, 1, std::to_string(id));
  if (rows.empty()) return std::nullopt;
  return json::parse(rows[0][0].as<std::string>()).as_object();
}

std::optional<std::int64_t> alert_site(pqxx::transaction_base& tx, std::int64_t id) {
  const auto rows = db::exec(tx, kSite, id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::int64_t>();
}

bool acknowledge_alert(pqxx::transaction_base& tx, std::int64_t id, std::int64_t site_id, std::int64_t user_id) {
  if (db::exec(tx, kAcknowledge, id, user_id).affected_rows() == 0) return false;
  feed::notify_feed(tx,
                    json::serialize(json::object{{"type", "alert_acknowledged"}, {"site_id", site_id}, {"id", id}}));
  return true;
}

}  // namespace cj::alerts
