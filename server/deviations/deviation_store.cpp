#include "server/deviations/deviation_store.h"

#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/feed/feed_hub.h"
#include "server/journal/facts.h"

namespace cj::deviations {

namespace json = boost::json;

namespace {

constexpr db::Statement kAcknowledge{
    "deviations_store_acknowledge",
    "UPDATE deviations SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2, owner_id = $3"
    " WHERE id = $1"};
constexpr db::Statement kAcknowledgeEvent{
    "deviations_store_acknowledge_event",
    "INSERT INTO deviation_events (deviation_id, action, user_id, note, details)"
    " VALUES ($1, 'acknowledged', $2, $3, jsonb_build_object('owner', (SELECT username FROM users WHERE id = $4)))"};
constexpr db::Statement kClose{
    "deviations_store_close",
    "UPDATE deviations SET status = 'closed', closed_at = now(), closed_by = $2, closing_signature_id = $3 "
    "WHERE id = $1"};
constexpr db::Statement kCloseEvent{"deviations_store_close_event",
                                    "INSERT INTO deviation_events (deviation_id, action, user_id, note, signature_id) "
                                    "VALUES ($1, 'closed', $2, $3, $4)"};
constexpr db::Statement kNotify{"deviations_store_notify", "SELECT pg_notify($1, $2)"};
constexpr db::Statement kCount{
    "deviations_store_count",
    "SELECT d.code, d.status, count(*) FROM deviations d JOIN journeys j ON j.id = d.journey_id"
    " WHERE j.site_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)"
    " AND ($2::timestamptz IS NULL OR d.raised_at >= $2::timestamptz)"
    " AND ($3::timestamptz IS NULL OR d.raised_at < $3::timestamptz)"
    " GROUP BY 1, 2 ORDER BY 1, 2"};

constexpr char kSelect[] =
    "SELECT d.id, j.coi, j.site_id, s.code, d.code, d.severity, d.message, d.rule, d.subject, d.status, "
    "iso_utc(d.raised_at), d.event_id, iso_utc(d.acknowledged_at), ua.username, iso_utc(d.closed_at), uc.username, "
    "d.closing_signature_id, extract(epoch FROM now() - d.raised_at)::bigint, p.initials, j.product, d.owner_id, "
    "uo.username, sig.meaning, sig.reason, sig.signer_name "
    "FROM deviations d JOIN journeys j ON j.id = d.journey_id JOIN sites s ON s.id = j.site_id "
    "JOIN patients p ON p.id = j.patient_id "
    "LEFT JOIN users ua ON ua.id = d.acknowledged_by LEFT JOIN users uc ON uc.id = d.closed_by "
    "LEFT JOIN users uo ON uo.id = d.owner_id LEFT JOIN signatures sig ON sig.id = d.closing_signature_id ";
// $2 status ("active": not closed), $3 site, $4 COI, $5 severity, $6 product, $7 owner
// ("none": no owner), $8 code, $9 hours since raised, $10 sort, $11 limit.
constexpr auto kListSql = db::sql(
    kSelect,
    "WHERE j.site_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) "
    "AND ($2::text IS NULL OR d.status = $2 OR ($2 = 'active' AND d.status <> 'closed')) "
    "AND ($3::text IS NULL OR s.code = $3) AND ($4::text IS NULL OR j.coi = $4) "
    "AND ($5::text IS NULL OR d.severity = $5) AND ($6::text IS NULL OR j.product = $6) "
    "AND ($7::text IS NULL OR ($7 = 'none' AND d.owner_id IS NULL) OR uo.username = $7) "
    "AND ($8::text IS NULL OR d.code = $8) "
    "AND ($9::bigint IS NULL OR d.raised_at <= now() - make_interval(hours => $9::int)) "
    "ORDER BY CASE WHEN $10 = 'severity' THEN CASE d.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END END,"
    " CASE WHEN $10 = 'site' THEN s.code END, CASE WHEN $10 = 'age' THEN d.raised_at END,"
    " d.raised_at DESC, d.id DESC LIMIT $11");
constexpr db::Statement kList{"deviations_store_list", kListSql.data()};
constexpr auto kFindSql = db::sql(kSelect, "WHERE d.id = $1");
constexpr db::Statement kFind{"deviations_store_find", kFindSql.data()};
constexpr auto kFindForUpdateSql = db::sql(kSelect, "WHERE d.id = $1", " FOR UPDATE OF d");
constexpr db::Statement kFindForUpdate{"deviations_store_find_for_update", kFindForUpdateSql.data()};

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

std::optional<std::int64_t> number(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::int64_t>();
}

DeviationRow row_of(const pqxx::row& r) {
  DeviationRow d;
  d.id = r[0].as<std::int64_t>();
  d.coi = r[1].as<std::string>();
  d.site_id = r[2].as<std::int64_t>();
  d.site = r[3].as<std::string>();
  d.code = r[4].as<std::string>();
  d.severity = r[5].as<std::string>();
  d.message = r[6].as<std::string>();
  d.rule = r[7].as<std::string>();
  d.subject = r[8].as<std::string>();
  d.status = r[9].as<std::string>();
  d.raised_at = r[10].as<std::string>();
  d.event_id = number(r[11]);
  d.acknowledged_at = text(r[12]);
  d.acknowledged_by = text(r[13]);
  d.closed_at = text(r[14]);
  d.closed_by = text(r[15]);
  d.closing_signature_id = number(r[16]);
  d.age_seconds = r[17].as<std::int64_t>();
  d.initials = r[18].as<std::string>();
  d.product = r[19].as<std::string>();
  d.owner_id = number(r[20]);
  d.owner = text(r[21]);
  d.closing_meaning = text(r[22]);
  d.closing_reason = text(r[23]);
  d.closing_signer_name = text(r[24]);
  return d;
}

const char* or_null(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

json::value or_null_json(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

}  // namespace

std::vector<DeviationRow> list_deviations(pqxx::transaction_base& tx, const DeviationFilter& filter) {
  json::array sites;
  for (auto id : filter.site_ids) sites.push_back(id);
  const std::optional<std::string> hours =
      filter.older_than_hours ? std::optional<std::string>(std::to_string(*filter.older_than_hours)) : std::nullopt;
  const auto result = db::exec(tx, kList, json::serialize(sites), or_null(filter.status), or_null(filter.site),
                               or_null(filter.coi), or_null(filter.severity), or_null(filter.product),
                               or_null(filter.owner), or_null(filter.code), or_null(hours), filter.sort, filter.limit);
  std::vector<DeviationRow> rows;
  for (const auto& r : result) rows.push_back(row_of(r));
  return rows;
}

std::optional<DeviationRow> find_deviation(pqxx::transaction_base& tx, std::int64_t id, bool lock) {
  const auto result = db::exec(tx, lock ? kFindForUpdate : kFind, id);
  if (result.empty()) return std::nullopt;
  return row_of(result[0]);
}

void acknowledge(pqxx::transaction_base& tx, std::int64_t id, std::int64_t user_id, std::int64_t owner_id,
                 const std::optional<std::string>& note) {
  db::exec0(tx, kAcknowledge, id, user_id, owner_id);
  db::exec0(tx, kAcknowledgeEvent, id, user_id, or_null(note), owner_id);
  journal::chain_facts_of_deviation(tx, id);
}

void close(pqxx::transaction_base& tx, std::int64_t id, std::int64_t user_id, std::int64_t signature_id,
           const std::string& reason) {
  db::exec0(tx, kClose, id, user_id, signature_id);
  db::exec0(tx, kCloseEvent, id, user_id, reason, signature_id);
  journal::chain_facts_of_deviation(tx, id);
}

json::object to_json(const DeviationRow& d) {
  json::object o{{"id", d.id},
                 {"journey", d.coi},
                 {"site", d.site},
                 {"code", d.code},
                 {"severity", d.severity},
                 {"message", d.message},
                 {"rule", d.rule},
                 {"subject", d.subject},
                 {"status", d.status},
                 {"raised_at", d.raised_at},
                 {"age_seconds", d.age_seconds},
                 {"patient_initials", d.initials},
                 {"product", d.product}};
  o["event_id"] = d.event_id ? json::value(*d.event_id) : json::value(nullptr);
  o["acknowledged_at"] = or_null_json(d.acknowledged_at);
  o["acknowledged_by"] = or_null_json(d.acknowledged_by);
  o["closed_at"] = or_null_json(d.closed_at);
  o["closed_by"] = or_null_json(d.closed_by);
  o["owner"] = or_null_json(d.owner);
  if (d.closing_signature_id) {
    o["closing_signature"] = json::object{{"id", *d.closing_signature_id},
                                          {"meaning", or_null_json(d.closing_meaning)},
                                          {"reason", or_null_json(d.closing_reason)},
                                          {"signer_name", or_null_json(d.closing_signer_name)}};
  } else {
    o["closing_signature"] = nullptr;
  }
  return o;
}

json::object signed_record(const DeviationRow& d, const json::object& lifecycle, const std::string& meaning,
                           const std::string& reason) {
  json::object deviation{
      {"id", d.id},           {"journey", d.coi}, {"code", d.code},       {"severity", d.severity},
      {"message", d.message}, {"rule", d.rule},   {"subject", d.subject}, {"raised_at", d.raised_at}};
  deviation["event_id"] = d.event_id ? json::value(*d.event_id) : json::value(nullptr);
  return {{"action", "close deviation"},
          {"deviation", std::move(deviation)},
          {"lifecycle", lifecycle},
          {"meaning", meaning},
          {"reason", reason}};
}

std::vector<StatusCount> count_deviations(pqxx::transaction_base& tx, const std::vector<std::int64_t>& site_ids,
                                          const std::optional<std::string>& from,
                                          const std::optional<std::string>& to) {
  json::array sites;
  for (auto id : site_ids) sites.push_back(id);
  std::vector<StatusCount> counts;
  for (const auto& r : db::exec(tx, kCount, json::serialize(sites), or_null(from), or_null(to))) {
    counts.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::int64_t>()});
  }
  return counts;
}

void notify_change(pqxx::transaction_base& tx, const DeviationRow& d, const std::string& status) {
  const json::object payload{{"type", "deviation"},  {"site_id", d.site_id}, {"journey", d.coi},
                             {"deviation_id", d.id}, {"code", d.code},       {"status", status}};
  db::exec(tx, kNotify, feed::kChannel, json::serialize(payload));
}

}  // namespace cj::deviations
