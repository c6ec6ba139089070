#include "server/journal/facts.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/facts_sql.h"
#include "server/journal/hash.h"

namespace cj::journal {
namespace {

constexpr db::Statement kLockFactsHead{
    "journal_facts_lock_head", "SELECT facts_seq, encode(facts_head, 'hex') FROM journeys WHERE id = $1 FOR UPDATE"};
constexpr auto kUnchainedSql =
    db::sql("SELECT kind, subject_id, body FROM (", detail::kFactsOfJourney,
            ") x WHERE NOT EXISTS (SELECT 1 FROM journey_facts f WHERE f.kind = x.kind AND f.subject_id = x.subject_id)"
            " ORDER BY ord, subject_id");
constexpr db::Statement kUnchained{"journal_facts_unchained", kUnchainedSql.data()};
constexpr db::Statement kInsertFact{
    "journal_facts_insert",
    "INSERT INTO journey_facts (journey_id, seq, kind, subject_id, canonical, prev_hash, hash)"
    " VALUES ($1, $2, $3, $4, $5, decode($6, 'hex'), decode($7, 'hex'))"};
constexpr db::Statement kJourneyOfDeviation{"journal_facts_journey_of_deviation",
                                            "SELECT journey_id FROM deviations WHERE id = $1"};
constexpr db::Statement kAdvanceFactsHead{
    "journal_facts_advance_head", "UPDATE journeys SET facts_seq = $2, facts_head = decode($3, 'hex') WHERE id = $1"};

}  // namespace

int chain_new_facts(pqxx::transaction_base& tx, std::int64_t journey_id) {
  const auto head = db::exec(tx, kLockFactsHead, journey_id);
  if (head.empty()) return 0;
  int seq = head[0][0].as<int>();
  std::string prev = *from_hex(head[0][1].as<std::string>());
  const auto facts = db::exec(tx, kUnchained, journey_id);
  for (const auto& fact : facts) {
    const std::string body = fact[2].as<std::string>();
    const std::string hash = chain_hash(prev, body);
    ++seq;
    db::exec0(tx, kInsertFact, journey_id, seq, fact[0].as<std::string>(), fact[1].as<std::int64_t>(), body,
              to_hex(prev), to_hex(hash));
    prev = hash;
  }
  if (!facts.empty()) db::exec0(tx, kAdvanceFactsHead, journey_id, seq, to_hex(prev));
  return static_cast<int>(facts.size());
}

int chain_facts_of_deviation(pqxx::transaction_base& tx, std::int64_t deviation_id) {
  const auto journey = db::exec(tx, kJourneyOfDeviation, deviation_id);
  if (journey.empty()) return 0;
  return chain_new_facts(tx, journey[0][0].as<std::int64_t>());
}

}  // namespace cj::journal
