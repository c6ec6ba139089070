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

namespace cj::journal {
namespace {

namespace json = boost::json;

constexpr db::Statement kJourneys{"journal_verify_journeys",
                                  "SELECT id, coi, chain_seq, encode(chain_head, 'hex') FROM journeys ORDER BY id"};
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
                                         std::int64_t& events_checked) {
  const auto rows = db::exec(tx, kEvents, journey.id, kTimeFormat);
  events_checked += static_cast<std::int64_t>(rows.size());
  auto broken = [&](int seq, std::string problem, std::string expected, std::string found) {
    return BrokenLink{journey.id, journey.coi, seq, std::move(problem), std::move(expected), std::move(found)};
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

VerifyReport verify_chains(pqxx::connection_base& conn) {
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(conn, "audit verify");
  std::vector<JourneyHead> journeys;
  for (const auto& row : db::exec(tx, kJourneys)) {
    journeys.push_back(
        {row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<int>(), row[3].as<std::string>()});
  }
  VerifyReport report;
  for (const JourneyHead& journey : journeys) {
    ++report.journeys_checked;
    if (auto link = verify_journey(tx, journey, report.events_checked)) report.broken.push_back(std::move(*link));
  }
  tx.commit();
  return report;
}

void print_verify_report(const VerifyReport& report, std::ostream& out) {
  const auto plural = [](std::int64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (report.intact()) {
    out << "Audit trail verified: " << plural(report.journeys_checked, "journey") << ", "
        << plural(report.events_checked, "event") << "; every chain is intact.\n";
    return;
  }
  out << "AUDIT TRAIL BROKEN: " << report.broken.size() << " of " << plural(report.journeys_checked, "journey") << " ("
      << plural(report.events_checked, "event") << " checked) fail verification.\n";
  for (const BrokenLink& link : report.broken) {
    out << "\njourney " << link.coi << " (id " << link.journey_id << "), event seq " << link.seq << ":\n"
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
  json::array& broken = out["broken"].emplace_array();
  for (const BrokenLink& link : report.broken) {
    broken.push_back(json::object{{"journey_id", link.journey_id},
                                  {"coi", link.coi},
                                  {"seq", link.seq},
                                  {"problem", link.problem},
                                  {"expected", link.expected},
                                  {"found", link.found}});
  }
  return out;
}

}  // namespace cj::journal
