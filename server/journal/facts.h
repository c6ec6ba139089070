// The fact chain of a journey: the facts its identity and custody rest on, hash-chained like the
// events (docs/audit.md): its creation (COI, product, site, patient, the patient's identifiers
// as salted SHA-256), every unit registered, every deviation step (raised, acknowledged,
// commented, closed, with the signature). The events say what happened; the facts say to whom
// and to what, so that changing an MRN, swapping a journey's patient or a unit's DIN, or closing
// a deviation behind the server's back breaks a chain that `audit verify` names.
//
//   pqxx::work tx{conn};
//   ... INSERT the journey, its units or a deviation step ...
//   journal::chain_new_facts(tx, journey_id);   // before commit, in the same transaction
//   tx.commit();
//
// chain_new_facts finds every fact of the journey not chained yet and appends them in a fixed
// order (creation, units by id, deviation steps by id); it is idempotent, so each write path
// calls it once at its end. It locks the journey row (SELECT ... FOR UPDATE) like
// append_event, which serialises the fact chain with the event chain. Database failures throw.
#pragma once

#include <cstdint>

#include <pqxx/types.hxx>

namespace cj::journal {

/// Appends the journey's unchained facts to its fact chain. Returns how many were appended.
int chain_new_facts(pqxx::transaction_base& tx, std::int64_t journey_id);

/// chain_new_facts() for the journey of deviation deviation_id (none when there is no such).
int chain_facts_of_deviation(pqxx::transaction_base& tx, std::int64_t deviation_id);

}  // namespace cj::journal
