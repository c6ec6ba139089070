#include "server/journal/verify_facts.h"

#include <map>
#include <utility>

#include <boost/json/parse.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/canonical_json.h"
#include "server/journal/facts_sql.h"
#include "server/journal/hash.h"

namespace cj::journal {
namespace {

namespace json = boost::json;

constexpr db::Statement kFacts{
    "journal_verify_facts",
    "SELECT seq, kind, subject_id, canonical, encode(prev_hash, 'hex'), encode(hash, 'hex') FROM journey_facts"
    " WHERE journey_id = $1 ORDER BY seq"};
constexpr auto kLiveSql = db::sql("SELECT kind, subject_id, body FROM (", detail::kFactsOfJourney, ") x");
constexpr db::Statement kLive{"journal_verify_facts_live", kLiveSql.data()};

using Key = std::pair<std::string, std::int64_t>;  // kind, subject id

struct Chained {
  int seq = 0;
  json::value record;
};

std::string top_key(const std::string& path) { return path.substr(0, path.find_first_of(".[")); }

std::string text_at(const json::value& record, const std::string& path) {
  const json::value* v = &record;
  std::string rest = path;
  while (!rest.empty() && v != nullptr && v->is_object()) {
    const auto dot = rest.find('.');
    v = v->get_object().if_contains(rest.substr(0, dot));
    rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
  }
  return v == nullptr ? "(absent)" : canonical_json(*v);
}

std::string subject_name(const Key& key) {
  if (key.first == "journey.created") return "the journey's creation";
  if (key.first == "unit.registered") return "unit " + std::to_string(key.second);
  return "deviation step " + std::to_string(key.second) + " (" + key.first + ")";
}

// What a difference at `where` in a fact of `kind` means, for people.
std::string change_text(const std::string& kind, const std::string& where) {
  const std::string key = top_key(where);
  if (kind == "journey.created") {
    if (key == "patient_id")
      return "the journey's patient was swapped (patient_id differs from the one it was created with)";
    if (key == "mrn_sha256") return "the patient's MRN differs from the one the journey was created with";
    if (key == "date_of_birth_sha256")
      return "the patient's date of birth differs from the one the journey was created with";
    if (key == "wristband_sha256") return "the patient's wristband differs from the one the journey was created with";
    if (key == "initials") return "the patient's initials differ from those the journey was created with";
    if (key == "product") return "the journey's product was changed after creation";
    return "the journey's " + key + " was changed after creation";
  }
  if (kind == "unit.registered") return "a registered unit's " + key + " was changed after registration";
  if (key == "state")
    return "the deviation's " + where.substr(6) + " differs from its last chained step (changed outside the server)";
  return "a deviation's " + where + " differs from its chained " + kind.substr(10) + " step";
}

}  // namespace

std::optional<BrokenLink> verify_journey_facts(pqxx::transaction_base& tx, const FactsHead& journey,
                                               std::vector<std::string>& hashes, std::int64_t& facts_checked) {
  auto broken = [&](int seq, std::string problem, std::string expected, std::string found) {
    return BrokenLink{journey.journey_id, journey.coi,         "facts",         seq,
                      std::move(problem), std::move(expected), std::move(found)};
  };
  const auto rows = db::exec(tx, kFacts, journey.journey_id);
  facts_checked += static_cast<std::int64_t>(rows.size());

  std::map<Key, Chained> chained;
  std::map<std::int64_t, int> last_step_of_deviation;  // deviation id -> seq of its last step
  int expected_seq = 1;
  std::string prev = to_hex(zero_hash());
  for (const auto& row : rows) {
    const int seq = row[0].as<int>();
    const std::string canonical = row[3].as<std::string>();
    const std::string prev_hash = row[4].as<std::string>();
    const std::string hash = row[5].as<std::string>();
    if (seq != expected_seq) {
      return broken(expected_seq, "fact seq " + std::to_string(expected_seq) + " is missing (deleted)",
                    "seq " + std::to_string(expected_seq), "seq " + std::to_string(seq));
    }
    if (prev_hash != prev) return broken(seq, "prev_hash does not link to the previous fact's hash", prev, prev_hash);
    const std::string computed = to_hex(chain_hash(*from_hex(prev_hash), canonical));
    if (computed != hash) {
      return broken(seq, "hash does not match SHA-256(prev_hash || canonical): the hashed fact was altered", computed,
                    hash);
    }
    json::error_code ec;
    json::value record = json::parse(canonical, ec);
    if (ec || !record.is_object()) return broken(seq, "the hashed fact is not a JSON object", "a JSON object", "text");
    if (const auto* deviation = record.get_object().if_contains("deviation"); deviation && deviation->is_object()) {
      if (const auto* id = deviation->get_object().if_contains("id"); id && id->is_int64()) {
        last_step_of_deviation[id->get_int64()] = seq;
      }
    }
    chained[{row[1].as<std::string>(), row[2].as<std::int64_t>()}] = {seq, std::move(record)};
    hashes.push_back(hash);
    prev = hash;
    ++expected_seq;
  }
  const int last_seq = expected_seq - 1;
  if (journey.facts_seq != last_seq) {
    return broken(journey.facts_seq,
                  "the journey's fact chain head names seq " + std::to_string(journey.facts_seq) +
                      " but its last stored fact is seq " + std::to_string(last_seq) +
                      (journey.facts_seq > last_seq ? " (facts were deleted at the end)" : ""),
                  "seq " + std::to_string(journey.facts_seq), "seq " + std::to_string(last_seq));
  }
  if (journey.facts_head != prev) {
    return broken(last_seq, "the journey's fact chain head is not the last fact's hash", journey.facts_head, prev);
  }

  for (const auto& live : db::exec(tx, kLive, journey.journey_id)) {
    const Key key{live[0].as<std::string>(), live[1].as<std::int64_t>()};
    const auto found = chained.find(key);
    if (found == chained.end()) {
      return broken(last_seq, subject_name(key) + " is not in the fact chain (written outside the server)", "a fact",
                    "none");
    }
    json::value now = json::parse(live[2].as<std::string>());
    json::value then = found->second.record;
    const int seq = found->second.seq;
    if (key.first.rfind("deviation.", 0) == 0) {
      const auto& deviation = then.get_object().at("deviation").get_object();
      if (last_step_of_deviation[deviation.at("id").get_int64()] != seq) {  // state as it was then
        then.get_object().erase("state");
        now.get_object().erase("state");
      }
    }
    std::string where;
    // A swapped patient differs in every patient field: name the swap, not the first of them.
    const bool swapped = key.first == "journey.created" &&
                         !same_json(then.get_object()["patient_id"], now.get_object()["patient_id"]);
    if (swapped) where = "patient_id";
    if (swapped || !same_json(then, now, &where)) {
      return broken(seq, change_text(key.first, where) + " (" + subject_name(key) + ")", text_at(then, where),
                    text_at(now, where));
    }
    chained.erase(found);
  }
  if (!chained.empty()) {
    const auto& [key, fact] = *chained.begin();
    return broken(fact.seq, subject_name(key) + " was deleted (its fact remains in the chain)", "a row", "none");
  }
  return std::nullopt;
}

}  // namespace cj::journal
