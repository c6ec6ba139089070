#include "server/trail/trail_store.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <tuple>

#include <boost/json/parse.hpp>
#include <pqxx/pqxx>

namespace cj::trail {
namespace {

namespace json = boost::json;

// Statement parameters, numbered as they are added.
class Params {
 public:
  std::string add(std::string value) {
    values_.push_back(std::move(value));
    std::string placeholder = "$";
    placeholder += std::to_string(values_.size());
    return placeholder;
  }
  const std::vector<std::string>& values() const { return values_; }

 private:
  std::vector<std::string> values_;
};

std::string array_literal(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (const std::int64_t id : ids) {
    if (out.size() > 1) out += ",";
    out += std::to_string(id);
  }
  return out + "}";
}

// One table of the trail: its rank in the order, its time and id columns, the SELECT list and
// FROM clause, and how it answers each filter (an empty answer: this source has none, so a
// filter on it leaves the source out).
struct Source {
  int rank;
  const char* table;
  const char* time;  // e.g. "e.recorded_at"
  const char* id;    // e.g. "e.id"
  const char* select;
  const char* from;
  const char* kind;     // the SQL expression of its kind name
  const char* coi;      // the journey's COI expression ("" when it has none)
  const char* person;   // a condition on $P ("" when none)
  const char* station;  // the station's code expression ("" when none)
  const char* site;     // the site id expression, NULL for records of no journey
  const char* people;   // for records of no journey: the usernames whose sites scope it
  std::vector<Kind> kinds;
};

const std::vector<Source>& sources() {
  static const std::vector<Source> all = {
      {1,
       "events",
       "e.recorded_at",
       "e.id",
       "CASE WHEN e.decision = 'refused' THEN 'refusal' ELSE 'event' END, coalesce(e.operators[1], ''), e.step, "
       "coalesce(e.station, ''), j.coi, "
       "e.step || ' ' || e.decision || coalesce(': ' || (SELECT string_agg(r->>'code', ', ') "
       "  FROM jsonb_array_elements(e.decision_json->'refusals') r), '') "
       "  || coalesce(' (corrects event ' || e.corrects_event_id || ': ' || e.correction_reason || ')', ''), "
       "jsonb_build_object('seq', e.seq, 'operators', to_jsonb(e.operators), 'units', to_jsonb(e.units), "
       "  'occurred_at', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
       "  'refusals', coalesce((SELECT jsonb_agg(r->>'code') FROM jsonb_array_elements(e.decision_json->'refusals') r), '[]'), "
       "  'deviations', coalesce((SELECT jsonb_agg(d->>'code') FROM jsonb_array_elements(e.decision_json->'deviations') d), '[]'), "
       "  'corrects_event_id', e.corrects_event_id, 'correction_reason', e.correction_reason)",
       "events e JOIN journeys j ON j.id = e.journey_id",
       "CASE WHEN e.decision = 'refused' THEN 'refusal' ELSE 'event' END",
       "j.coi",
       "e.operators @> ARRAY[$P]::text[]",
       "e.station",
       "j.site_id",
       "NULL",
       {Kind::kEvent, Kind::kRefusal}},
      {2,
       "deviation_events",
       "de.at",
       "de.id",
       "'deviation', coalesce(u.username, 'system'), 'deviation.' || de.action, '', j.coi, "
       "d.code || ' (' || d.severity || ') ' || replace(de.action, '_', ' ') || coalesce(': ' || de.note, ''), "
       "jsonb_build_object('deviation_id', d.id, 'code', d.code, 'severity', d.severity, 'note', de.note, "
       "  'details', de.details, 'signature_id', de.signature_id)",
       "deviation_events de JOIN deviations d ON d.id = de.deviation_id JOIN journeys j ON j.id = d.journey_id "
       "LEFT JOIN users u ON u.id = de.user_id",
       "'deviation'",
       "j.coi",
       "u.username = $P",
       "",
       "j.site_id",
       "NULL",
       {Kind::kDeviation}},
      {3,
       "signatures",
       "s.signed_at",
       "s.id",
       "'signature', u.username, 'signature.' || s.meaning, '', coalesce(j.coi, ''), "
       "s.signer_name || ' signed for ' || s.meaning || ': ' || s.reason, "
       "jsonb_build_object('signer_name', s.signer_name, 'meaning', s.meaning, 'reason', s.reason, "
       "  'signed_hash', encode(s.signed_hash, 'hex'), 'deviation_id', d.id)",
       "signatures s JOIN users u ON u.id = s.user_id LEFT JOIN deviation_events de ON de.signature_id = s.id "
       "LEFT JOIN deviations d ON d.id = de.deviation_id LEFT JOIN journeys j ON j.id = d.journey_id",
       "'signature'",
       "j.coi",
       "u.username = $P",
       "",
       "j.site_id",
       "ARRAY[u.username]",
       {Kind::kSignature}},
      {4,
       "label_prints",
       "lp.requested_at",
       "lp.id",
       "'label_print', coalesce(u.username, 'station:' || st.code), "
       "CASE WHEN lp.reprint > 0 THEN 'label.reprint' ELSE 'label.print' END, coalesce(st.code, ''), j.coi, "
       "lp.template || ' as ' || upper(lp.format) || ' to ' || p.name "
       "  || coalesce(', reprint ' || nullif(lp.reprint, 0) || ': ' || lp.reason, '') "
       "  || ': ' || coalesce(lp.outcome, 'sent') || coalesce(' (' || lp.error || ')', ''), "
       "jsonb_build_object('template', lp.template, 'template_version', lp.template_version, 'format', lp.format, "
       "  'printer', p.name, 'reprint', lp.reprint, 'reason', lp.reason, 'outcome', lp.outcome, 'error', lp.error)",
       "label_prints lp JOIN journeys j ON j.id = lp.journey_id JOIN printers p ON p.id = lp.printer_id "
       "LEFT JOIN users u ON u.id = lp.user_id LEFT JOIN stations st ON st.id = lp.station_id",
       "'label_print'",
       "j.coi",
       "u.username = $P",
       "st.code",
       "j.site_id",
       "NULL",
       {Kind::kLabelPrint}},
      {5,
       "admin_log",
       "a.at",
       "a.id",
       "KIND, a.actor, a.action, STATION, coalesce(j.coi, ''), a.action || ' ' || a.subject, a.details",
       "admin_log a LEFT JOIN journeys j ON j.coi = a.subject",
       "CASE WHEN a.action LIKE 'session.%' OR a.action LIKE 'operator.sign%' OR a.action LIKE 'operator.%proof%' "
       "THEN 'sign_in' WHEN a.action LIKE 'export.%' OR a.action = 'passport.export' THEN 'export' "
       "WHEN a.action LIKE 'signature.%' THEN 'signature' ELSE 'admin' END",
       "j.coi",
       "(a.actor = $P OR a.subject = $P)",
       "CASE WHEN a.details->>'bound_to' LIKE 'station:%' THEN substr(a.details->>'bound_to', 9) "
       "WHEN a.actor LIKE 'station:%' THEN substr(a.actor, 9) ELSE '' END",
       "j.site_id",
       "ARRAY[a.actor, a.subject]",
       {Kind::kSignature, Kind::kSignIn, Kind::kAdmin, Kind::kExport}},
  };
  return all;
}

// a + b + ... without temporaries (GCC 12 warns falsely on "literal" + std::string&&).
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view p : parts) out.append(p);
  return out;
}

void replace_all(std::string& text, std::string_view what, const std::string& with) {
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
}

// The statement reading up to limit + 1 rows of source; "" when the filter leaves it out.
std::string statement(const Source& s, const Filter& filter, const Scope& scope, Params& params) {
  std::vector<Kind> kinds;
  for (const Kind k : s.kinds) {
    if (filter.wants(k)) kinds.push_back(k);
  }
  if (kinds.empty()) return "";
  if (filter.coi && *s.coi == '\0') return "";
  if (filter.person && *s.person == '\0') return "";
  if (filter.station && *s.station == '\0') return "";

  std::vector<std::string> where;
  if (kinds.size() < s.kinds.size()) {
    std::string names = "{";
    for (const Kind k : kinds) names.append(names.size() > 1 ? "," : "").append(kind_name(k));
    names += "}";
    where.push_back(cat({s.kind, " = ANY(", params.add(names), "::text[])"}));
  }
  if (filter.coi) where.push_back(cat({s.coi, " = ", params.add(*filter.coi)}));
  if (filter.person) {
    std::string condition = s.person;
    replace_all(condition, "$P", params.add(*filter.person));
    where.push_back(std::move(condition));
  }
  if (filter.station) where.push_back(cat({s.station, " = ", params.add(*filter.station)}));
  if (filter.from) where.push_back(cat({s.time, " >= ", params.add(*filter.from), "::timestamptz"}));
  if (filter.until) where.push_back(cat({s.time, " < ", params.add(*filter.until), "::timestamptz"}));
  if (filter.after) {
    const std::string at = cat({"('epoch'::timestamptz + ", params.add(std::to_string(filter.after->at_us)),
                                "::bigint * interval '1 microsecond')"});
    if (s.rank < filter.after->rank) {
      where.push_back(cat({s.time, " <= ", at}));
    } else if (s.rank > filter.after->rank) {
      where.push_back(cat({s.time, " < ", at}));
    } else {
      where.push_back(
          cat({"(", s.time, ", ", s.id, ") < (", at, ", ", params.add(std::to_string(filter.after->id)), "::bigint)"}));
    }
  }
  if (!scope.everything) {
    const std::string sites = cat({params.add(array_literal(scope.site_ids)), "::bigint[]"});
    std::string condition = cat({s.site, " = ANY(", sites, ")"});
    if (std::string_view(s.people) != "NULL") {
      condition = cat({"(", condition, " OR (", s.site,
                       " IS NULL AND EXISTS (SELECT 1 FROM users su JOIN user_site_roles sr ON sr.user_id = su.id "
                       "WHERE su.username = ANY(",
                       s.people, ") AND sr.site_id = ANY(", sites, "))))"});
    }
    where.push_back(std::move(condition));
  }

  std::string select = s.select;
  replace_all(select, "KIND", s.kind);
  replace_all(select, "STATION", s.station);
  std::string sql = cat({"SELECT ", std::to_string(s.rank), ", '", s.table, "', ", s.id, ", (extract(epoch FROM ",
                         s.time, ") * 1000000)::bigint, to_char(", s.time,
                         " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), ", select, " FROM ", s.from});
  for (std::size_t i = 0; i < where.size(); ++i) sql.append(i == 0 ? " WHERE " : " AND ").append(where[i]);
  sql.append(cat({" ORDER BY ", s.time, " DESC, ", s.id, " DESC LIMIT ", std::to_string(filter.limit + 1)}));
  return sql;
}

Entry entry_of(const pqxx::row& row) {
  Entry e;
  e.position.rank = row[0].as<int>();
  e.source = row[1].as<std::string>();
  e.id = row[2].as<std::int64_t>();
  e.position.id = e.id;
  e.position.at_us = row[3].as<std::int64_t>();
  e.at = row[4].as<std::string>();
  e.kind = parse_kind(row[5].as<std::string>()).value_or(Kind::kAdmin);
  e.actor = row[6].as<std::string>();
  e.action = row[7].as<std::string>();
  e.station = row[8].is_null() ? "" : row[8].as<std::string>();
  e.coi = row[9].is_null() ? "" : row[9].as<std::string>();
  e.summary = row[10].is_null() ? e.action : row[10].as<std::string>();
  if (!row[11].is_null()) {
    json::value details = json::parse(row[11].c_str());
    if (details.is_object()) e.details = std::move(details.as_object());
  }
  return e;
}

auto order_key(const Entry& e) { return std::tie(e.position.at_us, e.position.rank, e.position.id); }

}  // namespace

Page search(pqxx::transaction_base& tx, const Filter& filter, const Scope& scope) {
  std::vector<Entry> merged;
  for (const Source& source : sources()) {
    Params params;
    const std::string sql = statement(source, filter, scope, params);
    if (sql.empty()) continue;
    const pqxx::result rows = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params.values()));
    for (const auto& row : rows) merged.push_back(entry_of(row));
  }
  std::sort(merged.begin(), merged.end(), [](const Entry& a, const Entry& b) { return order_key(a) > order_key(b); });
  Page page;
  if (merged.size() > static_cast<std::size_t>(filter.limit)) {
    merged.resize(static_cast<std::size_t>(filter.limit));
    page.next = merged.back().position;
  }
  page.entries = std::move(merged);
  return page;
}

json::object to_json(const Entry& e) {
  return {{"kind", kind_name(e.kind)}, {"source", e.source},  {"id", e.id},           {"at", e.at},
          {"actor", e.actor},          {"action", e.action},  {"station", e.station}, {"coi", e.coi},
          {"summary", e.summary},      {"details", e.details}};
}

}  // namespace cj::trail
