// Verifying the administration chain: admin_log's rows, chained one after the other as
// log_action() writes them (chain_seq, canonical, prev_hash, hash; head in admin_chain_head).
//
// Checks that chain_seq runs 1, 2, 3... (a deleted row leaves a gap), every row is chained (a row
// inserted behind the server's back is not), prev_hash links and hash = SHA-256(prev_hash ||
// canonical), canonical is the row's columns (an edited actor, action, subject, details or time
// differs), and the head names the last row (a deleted tail leaves it pointing past it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/types.hxx>

#include "server/journal/verify_chains.h"

namespace cj::audit {

/// The first broken link of the administration chain, if any. Appends each entry's hash (hex)
/// to hashes in seq order and counts the entries read into checked.
std::optional<journal::BrokenLink> verify_admin_chain(pqxx::transaction_base& tx, std::vector<std::string>& hashes,
                                                      std::int64_t& checked);

/// The head of the administration chain: (seq, hash in hex).
std::pair<std::int64_t, std::string> admin_chain_head(pqxx::transaction_base& tx);

}  // namespace cj::audit
