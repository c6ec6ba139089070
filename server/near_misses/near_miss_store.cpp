#include "server/near_misses/near_miss_store.h"

#include <algorithm>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/db/statement.h"
#include "server/feed/feed_notice.h"
#include "server/near_misses/foreign_identity.h"

namespace cj::near_misses {

namespace json = boost::json;

namespace {

// The event's own columns are copied from its row (same transaction), so the near miss says
// exactly what the journal says about where, who, which step and when.
constexpr db::Statement kInsert{
    "near_misses_store_insert",
    "INSERT INTO near_misses (event_id, journey_id, site_id, station_id, operators, step, occurred_at, recorded_at,"
    " code, foreign_kind, foreign_scan, foreign_value, other_identities, wristband_mismatch, other_journey_id)"
    " SELECT e.id, e.journey_id, j.site_id, e.station_id, e.operators, e.step, e.occurred_at, e.recorded_at,"
    " $2, $3, $4, $5, $6::jsonb, $7, $8::bigint"
    " FROM events e JOIN journeys j ON j.id = e.journey_id WHERE e.id = $1 AND e.decision = 'refused'"
    " RETURNING id"};

// Candidates for the journey a foreign identity belongs to: (journey id, still going).
constexpr db::Statement kByCoi{"near_misses_store_other_by_coi",
                               "SELECT id, status IN ('active', 'on_hold') FROM journeys WHERE coi = $1 AND id <> $2"};
constexpr db::Statement kByDin{
    "near_misses_store_other_by_din",
    "SELECT DISTINCT j.id, j.status IN ('active', 'on_hold') FROM units u JOIN journeys j ON j.id = u.journey_id"
    " WHERE u.din = $1 AND j.id <> $2"};
constexpr db::Statement kByLabel{
    "near_misses_store_other_by_label",
    "SELECT DISTINCT j.id, j.status IN ('active', 'on_hold') FROM units u JOIN journeys j ON j.id = u.journey_id"
    " WHERE u.din IS NULL AND u.external_id = $1 AND j.id <> $2"};
// Patients are a site's: a wristband is looked up among the journey's site's patients only.
constexpr db::Statement kByWristband{
    "near_misses_store_other_by_wristband",
    "SELECT j.id, j.status IN ('active', 'on_hold') FROM patients p JOIN journeys j ON j.patient_id = p.id"
    " WHERE p.site_id = $1 AND coalesce(p.wristband, p.mrn) = $2 AND j.id <> $3"};

constexpr char kSelect[] =
    "SELECT n.id, n.event_id, j.coi, n.site_id, s.code, st.code, array_to_json(n.operators)::text, n.step, n.code,"
    " n.foreign_kind, n.foreign_scan, n.foreign_value, n.other_identities::text, n.wristband_mismatch,"
    " o.site_id, o.coi, os.code, iso_utc(n.occurred_at), iso_utc(n.recorded_at), iso_utc(n.reviewed_at),"
    " u.username, n.review_note"
    " FROM near_misses n JOIN journeys j ON j.id = n.journey_id JOIN sites s ON s.id = n.site_id"
    " LEFT JOIN stations st ON st.id = n.station_id"
    " LEFT JOIN journeys o ON o.id = n.other_journey_id LEFT JOIN sites os ON os.id = o.site_id"
    " LEFT JOIN users u ON u.id = n.reviewed_by ";
constexpr auto kListSql = db::sql(kSelect,
                                  "WHERE n.site_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)"
                                  " AND ($2::text IS NULL OR j.coi = $2)"
                                  " AND ($3::boolean IS NULL OR (n.reviewed_at IS NOT NULL) = $3)"
                                  " ORDER BY n.recorded_at DESC, n.id DESC LIMIT $4");
constexpr db::Statement kList{"near_misses_store_list", kListSql.data()};
constexpr auto kFindSql = db::sql(kSelect, "WHERE n.id = $1");
constexpr db::Statement kFind{"near_misses_store_find", kFindSql.data()};
constexpr auto kFindForUpdateSql = db::sql(kSelect, "WHERE n.id = $1 FOR UPDATE OF n");
constexpr db::Statement kFindForUpdate{"near_misses_store_find_for_update", kFindForUpdateSql.data()};

constexpr db::Statement kReview{
    "near_misses_store_review",
    "UPDATE near_misses SET reviewed_at = now(), reviewed_by = $2, review_note = $3 WHERE id = $1 AND reviewed_at IS NULL"};

constexpr db::Statement kCount{"near_misses_store_count",
                               "SELECT code, reviewed_at IS NOT NULL, count(*) FROM near_misses"
                               " WHERE site_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)"
                               " AND ($2::timestamptz IS NULL OR recorded_at >= $2::timestamptz)"
                               " AND ($3::timestamptz IS NULL OR recorded_at < $3::timestamptz)"
                               " GROUP BY 1, 2 ORDER BY 1, 2"};
constexpr db::Statement kCountAll{
    "near_misses_store_count_all",
    "SELECT code, reviewed_at IS NOT NULL, count(*) FROM near_misses GROUP BY 1, 2 ORDER BY 1, 2"};

// The one journey among the candidates: the only one, else the only one still going; none
// when there is none or it stays ambiguous (better no link than a wrong one).
std::optional<std::int64_t> one_journey(const pqxx::result& candidates) {
  if (candidates.size() == 1) return candidates[0][0].as<std::int64_t>();
  std::optional<std::int64_t> going;
  for (const auto& row : candidates) {
    if (!row[1].as<bool>()) continue;
    if (going) return std::nullopt;
    going = row[0].as<std::int64_t>();
  }
  return going;
}

std::optional<std::int64_t> other_journey(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                                          const ForeignIdentity& foreign) {
  const std::int64_t self = journey.journey.id;
  switch (foreign.kind) {
    case IdentityKind::kCoi:
      return one_journey(db::exec(tx, kByCoi, foreign.value, self));
    case IdentityKind::kWristband:
      return one_journey(db::exec(tx, kByWristband, journey.journey.site_id, foreign.value, self));
    case IdentityKind::kUnit: {
      const bool din = foreign.code == workflows::Code::UnitNotInJourney && foreign.value.size() == 13 &&
                       std::all_of(foreign.value.begin(), foreign.value.end(),
                                   [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
      // A DIN read from [001] is 13 characters A-Z0-9; a non-ISBT label may be anything.
      if (din) {
        if (auto found = one_journey(db::exec(tx, kByDin, foreign.value, self))) return found;
      }
      return one_journey(db::exec(tx, kByLabel, foreign.value, self));
    }
  }
  return std::nullopt;
}

// A wristband's text never leaves the event's scans: value null.
json::value stored_value(const ForeignIdentity& f) {
  return f.kind == IdentityKind::kWristband ? json::value(nullptr) : json::value(f.value);
}

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

NearMissRow row_of(const pqxx::row& r) {
  NearMissRow n;
  n.id = r[0].as<std::int64_t>();
  n.event_id = r[1].as<std::int64_t>();
  n.coi = r[2].as<std::string>();
  n.site_id = r[3].as<std::int64_t>();
  n.site = r[4].as<std::string>();
  n.station = text(r[5]);
  const json::value operators = json::parse(r[6].as<std::string>());
  for (const auto& name : operators.as_array()) n.operators.emplace_back(name.as_string());
  n.step = r[7].as<std::string>();
  n.code = r[8].as<std::string>();
  n.foreign_kind = r[9].as<std::string>();
  n.foreign_scan = r[10].as<int>();
  n.foreign_value = text(r[11]);
  n.other_identities = json::parse(r[12].as<std::string>()).as_array();
  n.wristband_mismatch = r[13].as<bool>();
  if (!r[14].is_null())
    n.other_journey = OtherJourney{r[14].as<std::int64_t>(), r[15].as<std::string>(), r[16].as<std::string>()};
  n.occurred_at = r[17].as<std::string>();
  n.recorded_at = r[18].as<std::string>();
  n.reviewed_at = text(r[19]);
  n.reviewed_by = text(r[20]);
  n.review_note = text(r[21]);
  return n;
}

const char* or_null_text(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

json::value or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string sites_json(const std::vector<std::int64_t>& site_ids) {
  json::array sites;
  for (auto id : site_ids) sites.push_back(id);
  return json::serialize(sites);
}

std::vector<CodeCount> counts_of(const pqxx::result& result) {
  std::vector<CodeCount> counts;
  for (const auto& r : result) counts.push_back({r[0].as<std::string>(), r[1].as<bool>(), r[2].as<std::int64_t>()});
  return counts;
}

}  // namespace

std::optional<std::int64_t> record_if_any(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                                          const workflows::Definition& definition, const journal::NewEvent& event,
                                          const journal::AppendedEvent& appended) {
  const auto& decision = event.decision;
  if (decision.accepted) return std::nullopt;
  const auto* step = definition.find_step(event.event.step);
  const auto foreign =
      foreign_identities(event.event, journey.identity, step != nullptr && step->wristband, decision.refusals);
  if (foreign.empty()) return std::nullopt;

  const ForeignIdentity& first = foreign.front();
  json::array others;
  for (std::size_t i = 1; i < foreign.size(); ++i) {
    json::object other{{"kind", kind_name(foreign[i].kind)},
                       {"code", workflows::code_name(foreign[i].code)},
                       {"scan", foreign[i].scan}};
    other["value"] = stored_value(foreign[i]);
    others.push_back(std::move(other));
  }
  const auto other = other_journey(tx, journey, first);
  const std::string code(workflows::code_name(first.code));
  const std::string kind(kind_name(first.kind));
  const std::string other_id = other ? std::to_string(*other) : std::string();
  // libpqxx 6 has no std::optional parameters: a null const char* is SQL NULL.
  const auto row =
      db::exec1(tx, kInsert, appended.event_id, code, kind, first.scan,
                first.kind == IdentityKind::kWristband ? nullptr : first.value.c_str(), json::serialize(others),
                wristband_mismatch(decision.refusals), other ? other_id.c_str() : nullptr);
  const auto id = row[0].as<std::int64_t>();
  notify_change(tx, *find_near_miss(tx, id), "recorded");
  spdlog::warn("near miss {}: event {} journey {} refused {} ({} scanned, scan {}{})", id, appended.event_id,
               journey.journey.coi, code, kind, first.scan, other ? ", belongs to another journey here" : "");
  return id;
}

std::vector<NearMissRow> list_near_misses(pqxx::transaction_base& tx, const NearMissFilter& filter) {
  const char* reviewed = !filter.reviewed ? nullptr : *filter.reviewed ? "true" : "false";
  const auto result =
      db::exec(tx, kList, sites_json(filter.site_ids), or_null_text(filter.coi), reviewed, filter.limit);
  std::vector<NearMissRow> rows;
  for (const auto& r : result) rows.push_back(row_of(r));
  return rows;
}

std::optional<NearMissRow> find_near_miss(pqxx::transaction_base& tx, std::int64_t id, bool lock) {
  const auto result = db::exec(tx, lock ? kFindForUpdate : kFind, id);
  if (result.empty()) return std::nullopt;
  return row_of(result[0]);
}

void review(pqxx::transaction_base& tx, std::int64_t id, std::int64_t user_id, const std::string& note) {
  const auto result = db::exec(tx, kReview, id, user_id, note);
  if (result.affected_rows() != 1) throw std::logic_error("near miss " + std::to_string(id) + " was already reviewed");
}

json::object to_json(const NearMissRow& n, bool other_journey_visible) {
  json::array operators;
  for (const auto& name : n.operators) operators.emplace_back(name);
  json::object foreign{{"kind", n.foreign_kind}, {"code", n.code}, {"scan", n.foreign_scan}};
  foreign["value"] = or_null(n.foreign_value);
  json::object o{{"id", n.id},
                 {"event_id", n.event_id},
                 {"journey", n.coi},
                 {"site", n.site},
                 {"step", n.step},
                 {"code", n.code},
                 {"operators", std::move(operators)},
                 {"wristband_mismatch", n.wristband_mismatch},
                 {"foreign", std::move(foreign)},
                 {"other_identities", n.other_identities},
                 {"occurred_at", n.occurred_at},
                 {"recorded_at", n.recorded_at},
                 {"reviewed", n.reviewed_at.has_value()}};
  o["station"] = or_null(n.station);
  if (!n.other_journey) {
    o["other_journey"] = nullptr;
  } else if (other_journey_visible) {
    o["other_journey"] =
        json::object{{"coi", n.other_journey->coi}, {"site", n.other_journey->site}, {"visible", true}};
  } else {
    o["other_journey"] = json::object{{"coi", nullptr}, {"site", nullptr}, {"visible", false}};
  }
  o["reviewed_at"] = or_null(n.reviewed_at);
  o["reviewed_by"] = or_null(n.reviewed_by);
  o["review_note"] = or_null(n.review_note);
  return o;
}

void notify_change(pqxx::transaction_base& tx, const NearMissRow& n, const std::string& status) {
  feed::notify_feed(tx, json::serialize(json::object{{"type", "near_miss"},
                                                     {"site_id", n.site_id},
                                                     {"near_miss_id", n.id},
                                                     {"journey", n.coi},
                                                     {"code", n.code},
                                                     {"foreign_kind", n.foreign_kind},
                                                     {"status", status}}));
}

std::vector<CodeCount> count_near_misses(pqxx::transaction_base& tx, const std::vector<std::int64_t>& site_ids,
                                         const std::optional<std::string>& from, const std::optional<std::string>& to) {
  return counts_of(db::exec(tx, kCount, sites_json(site_ids), or_null_text(from), or_null_text(to)));
}

std::vector<CodeCount> count_all_near_misses(pqxx::transaction_base& tx) { return counts_of(db::exec(tx, kCountAll)); }

}  // namespace cj::near_misses
