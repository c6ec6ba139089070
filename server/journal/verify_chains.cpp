#include "server/journal/verify_chains.h"

#include <ostream>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/canonical_json.h"
#include "server/journal/event_record.h"
#include "server/journal/hash.h"
#include "server/journal/sql_params.h"
#include "server/journal/verify_facts.h"

namespace cj::journal {
namespace {

namespace json = boost::json;

constexpr db::Statement kJourneys{
    "journal_verify_journeys",
    "SELECT id, coi, chain_seq, encode(chain_head, 'hex'), facts_seq, encode(facts_head, 'hex'), site_id"
    " FROM journeys WHERE $1::jsonb IS NULL OR site_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)"
    " ORDER BY id"};
constexpr db::Statement kEvents{
    "journal_verify_events",
    "SELECT seq, encode(prev_hash, 'hex'), encode(hash, 'hex'), canonical, step,"
    " to_char(occurred_at AT TIME ZONE 'UTC', $2), to_char(recorded_at AT TIME ZONE 'UTC', $2), station,"
    " to_jsonb(operators)::text, to_jsonb(scans)::text, data::text, to_jsonb(units)::text, decision,"
    " decision_json::text, corrects_event_id, correction_reason, idempotency_key, station_id"
    " FROM events WHERE journey_id = $1 ORDER BY seq"};

struct JourneyHead {
  std::int64_t id = 0;
  std::string coi;
  int chain_seq = 0;
  std::string chain_head;  // hex
  FactsHead facts;
  std::int64_t site_id = 0;
};

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

json::object object_or_empty(const std::string& text) {
  json::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return {};
  return std::move(value.get_object());
}

// The record as the row's columns say it is.
EventRecord record_from_columns(const std::string& coi, const pqxx::row& r) {
  EventRecord record;
  record.journey = coi;
  record.seq = r[0].as<int>();
  record.step = r[4].as<std::string>();
  record.occurred_at = r[5].as<std::string>();
  record.recorded_at = r[6].as<std::string>();
  record.station = optional_text(r[7]);
  record.operators = detail::strings_from_json_array(r[8].as<std::string>());
  record.scans = detail::strings_from_json_array(r[9].as<std::string>());
  record.data = object_or_empty(r[10].as<std::string>());
  record.units = detail::strings_from_json_array(r[11].as<std::string>());
  record.decision = r[12].as<std::string>();
  record.decision_json = object_or_empty(r[13].as<std::string>());
  if (!r[14].is_null()) record.corrects_event_id = r[14].as<std::int64_t>();
  record.correction_reason = optional_text(r[15]);
  record.idempotency_key = optional_text(r[16]);
  if (!r[17].is_null()) record.station_id = r[17].as<std::int64_t>();
  return record;
}

std::string top_key(const std::string& path) {
  const auto end = path.find_first_of(".[");
  return path.substr(0, end);
}

std::string value_text(const json::object& object, const std::string& key) {
  const json::value* v = object.if_contains(key);
  return v == nullptr ? "(absent)" : canonical_json(*v);
}

// The first broken link of one journey, if any; counts the events read into events_checked.
std::optional<BrokenLink> verify_journey(pqxx::transaction_base& tx, const JourneyHead& journey,
                                         std::vector<std::string>& hashes, std::int64_t& events_checked) {
  const auto rows = db::exec(tx, kEvents, journey.id, kTimeFormat);
  events_checked += static_cast<std::int64_t>(rows.size());
  auto broken = [&](int seq, std::string problem, std::string expected, std::string found) {
    return BrokenLink{journey.id,         journey.coi,         "events",        seq,
                      std::move(problem), std::move(expected), std::move(found)};
  };

  int expected_seq = 1;
  std::string prev = to_hex(zero_hash());
  for (const auto& row : rows) {
    const int seq = row[0].as<int>();
    const std::string prev_hash = row[1].as<std::string>();
    const std::string hash = row[2].as<std::string>();
    const std::string canonical = row[3].as<std::string>();
    if (seq != expected_seq) {
      return broken(expected_seq,
                    "event seq " + std::to_string(expected_seq) + " is missing (the next stored event is seq " +
                        std::to_string(seq) + ")",
                    "seq " + std::to_string(expected_seq), "seq " + std::to_string(seq));
    }
    if (prev_hash != prev) {
      return broken(seq, "prev_hash does not link to the previous event's hash", prev, prev_hash);
    }
    const std::string computed = to_hex(chain_hash(*from_hex(prev_hash), canonical));
    if (computed != hash) {
      return broken(seq, "hash does not match SHA-256(prev_hash || canonical): the hashed record was altered", computed,
                    hash);
    }
    json::error_code ec;
    const json::value hashed = json::parse(canonical, ec);
    if (ec || !hashed.is_object())
      return broken(seq, "the hashed record is not a JSON object", "a JSON object", canonical);
    const json::object columns = to_json(record_from_columns(journey.coi, row));
    std::string where;
    if (!same_json(hashed, columns, &where)) {
      const std::string key = top_key(where);
      return broken(seq,
                    "the event's " + (where.empty() ? std::string("record") : where) +
                        " differs from its hashed record (a column was altered)",
                    value_text(hashed.get_object(), key), value_text(columns, key));
    }
    hashes.push_back(hash);
    prev = hash;
    ++expected_seq;
  }
  const int last_seq = expected_seq - 1;
  if (journey.chain_seq != last_seq) {
    return broken(journey.chain_seq,
                  "the journey's chain head names seq " + std::to_string(journey.chain_seq) +
                      " but its last stored event is seq " + std::to_string(last_seq) +
                      (journey.chain_seq > last_seq ? " (events were deleted at the end)" : ""),
                  "seq " + std::to_string(journey.chain_seq), "seq " + std::to_string(last_seq));
  }
  if (journey.chain_head != prev) {
    return broken(last_seq, "the journey's chain head is not the last event's hash", journey.chain_head, prev);
  }
  return std::nullopt;
}

}  // namespace

VerifyReport verify_chains(pqxx::transaction_base& tx, const VerifyScope& scope) {
  std::optional<std::string> sites;
  if (scope.site_ids) {
    json::array ids;
    for (auto id : *scope.site_ids) ids.push_back(id);
    sites = json::serialize(ids);
  }
  std::vector<JourneyHead> journeys;
  for (const auto& row : db::exec(tx, kJourneys, detail::text_or_null(sites))) {
    JourneyHead& head = journeys.emplace_back();
    head.id = row[0].as<std::int64_t>();
    head.coi = row[1].as<std::string>();
    head.chain_seq = row[2].as<int>();
    head.chain_head = row[3].as<std::string>();
    head.facts.journey_id = head.id;
    head.facts.coi = head.coi;
    head.facts.facts_seq = row[4].as<int>();
    head.facts.facts_head = row[5].as<std::string>();
    head.site_id = row[6].as<std::int64_t>();
  }
  VerifyReport report;
  for (const JourneyHead& journey : journeys) {
    ++report.journeys_checked;
    JourneyLinks& links = report.links[journey.coi];
    links.journey_id = journey.id;
    links.site_id = journey.site_id;
    if (auto link = verify_journey(tx, journey, links.events, report.events_checked)) {
      report.broken.push_back(std::move(*link));
    }
    if (auto link = verify_journey_facts(tx, journey.facts, links.facts, report.facts_checked)) {
      report.broken.push_back(std::move(*link));
    }
  }
  return report;
}

VerifyReport verify_chains(pqxx::connection_base& conn) {
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(conn, "audit verify");
  VerifyReport report = verify_chains(tx, {});
  tx.commit();
  return report;
}

namespace {

std::string plural(std::int64_t n, const std::string& word) {
  if (n == 1) return "1 " + word;
  if (word.ends_with("ry")) return std::to_string(n) + " " + word.substr(0, word.size() - 1) + "ies";
  return std::to_string(n) + " " + word + "s";
}

std::string counts(const VerifyReport& report) {
  return plural(report.journeys_checked, "journey") + ", " + plural(report.events_checked, "event") + ", " +
         plural(report.facts_checked, "fact") + ", " + plural(report.admin_entries_checked, "administration entry") +
         ", " + plural(report.checkpoints_checked, "signed checkpoint");
}

std::string where(const BrokenLink& link) {
  if (link.chain == "admin") return "administration log, entry seq " + std::to_string(link.seq);
  if (link.chain == "checkpoint") {
    return (link.coi.empty() ? std::string("checkpoints") : "journey " + link.coi) + ", against checkpoint " +
           std::to_string(link.seq);
  }
  return "journey " + link.coi + " (id " + std::to_string(link.journey_id) + "), " +
         (link.chain == "facts" ? "fact" : "event") + " seq " + std::to_string(link.seq);
}

}  // namespace

void print_verify_report(const VerifyReport& report, std::ostream& out) {
  const std::string checkpoint = report.latest_checkpoint
                                     ? "latest signed checkpoint " + *report.latest_checkpoint
                                     : "no signed checkpoint yet: a journey deleted whole would go unnoticed";
  if (report.intact()) {
    out << "Audit trail verified: " << counts(report) << "; every chain is intact (" << checkpoint << ").\n";
    return;
  }
  out << "AUDIT TRAIL BROKEN: " << report.broken.size() << " broken "
      << (report.broken.size() == 1 ? "chain" : "chains") << " (" << counts(report) << " checked; " << checkpoint
      << ").\n";
  for (const BrokenLink& link : report.broken) {
    out << "\n"
        << where(link) << ":\n"
        << "  " << link.problem << "\n"
        << "  expected: " << link.expected << "\n"
        << "  found:    " << link.found << "\n";
  }
}

json::object to_json(const VerifyReport& report) {
  json::object out;
  out["intact"] = report.intact();
  out["journeys_checked"] = report.journeys_checked;
  out["events_checked"] = report.events_checked;
  out["facts_checked"] = report.facts_checked;
  out["admin_entries_checked"] = report.admin_entries_checked;
  out["checkpoints_checked"] = report.checkpoints_checked;
  out["latest_checkpoint"] = report.latest_checkpoint ? json::value(*report.latest_checkpoint) : json::value(nullptr);
  json::array& broken = out["broken"].emplace_array();
  for (const BrokenLink& link : report.broken) {
    broken.push_back(json::object{{"journey_id", link.journey_id},
                                  {"coi", link.coi},
                                  {"chain", link.chain},
                                  {"seq", link.seq},
                                  {"problem", link.problem},
                                  {"expected", link.expected},
                                  {"found", link.found}});
  }
  return out;
}

}  // namespace cj::journal
