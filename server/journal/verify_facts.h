// Verifying one journey's fact chain (facts.h): the links, the head, and every fact against the
// rows it states today.
//
//  1. seq runs 1, 2, 3..., prev_hash links (32 zero bytes for seq 1), hash = SHA-256(prev_hash ||
//     canonical), and journeys.facts_seq/facts_head name the last fact;
//  2. every fact's canonical equals the document rebuilt from the live rows (facts_sql.h), by
//     value; for a deviation's steps, the deviation's state is compared at its last step only
//     (the earlier ones recorded the state of their time);
//  3. every live row a fact would state has its fact (a unit inserted behind the server's back
//     has none), and every fact's row still exists (a deleted unit leaves its fact behind).
// The problem texts name the journey, the kind of change and the field, never a patient's
// identifiers: those are compared as their salted hashes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/types.hxx>

#include "server/journal/verify_chains.h"

namespace cj::journal {

struct FactsHead {
  std::int64_t journey_id = 0;
  std::string coi;
  int facts_seq = 0;
  std::string facts_head;  // hex
};

/// The first broken link of the journey's fact chain, if any. Appends each fact's hash (hex) to
/// hashes in seq order and counts the facts read into facts_checked.
std::optional<BrokenLink> verify_journey_facts(pqxx::transaction_base& tx, const FactsHead& journey,
                                               std::vector<std::string>& hashes, std::int64_t& facts_checked);

}  // namespace cj::journal
