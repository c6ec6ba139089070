// Appending an event to a journey's log: the one way events are written.
//
//   pqxx::work tx{conn};
//   journal::lock_journey(tx, journey_id);             // history cannot change from here on
//   auto loaded = journal::load_journey(tx, journey_id);  // ... evaluate() on it ...
//   auto appended = journal::append_event(tx, {journey_id, event, station_id, decision});
//   if (!appended.ok()) ...;           // nothing written; tx still usable
//   tx.commit();                       // event, chain head and deviations together
//
// append_event locks the journey row (SELECT ... FOR UPDATE) until the caller's transaction
// ends, so appends to one journey queue and each gets the next seq and links to the previous
// event's hash: the chain never forks. Appends to different journeys do not wait on each
// other. Keep the transaction short after appending (the journey stays locked).
//
// Accepted and refused events alike are appended (docs/design.md: the refusal itself is recorded);
// `decision.deviations` become deviation rows (status open) with a 'raised' entry in
// deviation_events, in the same transaction. If anything throws after the event insert, the
// caller's transaction aborts and nothing is kept.
//
// Thread-safety: the transaction is one thread's. Errors: expected failures as Status; database
// failures throw pqxx exceptions (the transaction is then unusable).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/types.hxx>

#include "server/storage/status.h"
#include "workflows/decision.h"
#include "workflows/event.h"

namespace cj::journal {

struct NewEvent {
  std::int64_t journey_id = 0;
  workflows::Event event;                         // event.journey: the journey's COI
  std::optional<std::int64_t> station_id;         // the registered station, when known
  workflows::Decision decision;                   // the engine's answer (event_id is ignored)
  std::optional<std::int64_t> corrects_event_id;  // a correction names the event it corrects...
  std::optional<std::string> correction_reason;   // ... and why (required with it)
};

struct AppendedEvent {
  std::int64_t event_id = 0;
  int seq = 0;                              // 1 for the journey's first event
  std::string recorded_at;                  // server time, "2026-11-20T10:00:03.123456Z"
  std::string hash;                         // 32 raw bytes: the journey's new chain head
  std::vector<std::int64_t> deviation_ids;  // in decision.deviations order
};

/// Takes the journey's append lock (SELECT ... FOR UPDATE on its row) until tx ends, so that
/// the history read next is still the history when the event decided on it is appended.
/// Errors: kNotFound.
storage::Status lock_journey(pqxx::transaction_base& tx, std::int64_t journey_id);

/// Appends the event (with the next seq, its canonical record and hash) and its deviations.
/// Errors: kNotFound (no such journey), kInvalidArgument (event.journey is not the journey's
/// COI, an empty or over-long step or idempotency key, text that is not UTF-8 or holds NUL, a correction without a
/// reason or of an event of another journey).
/// typed: indexes into event.scans of codes typed by hand (stored with the row, not chained).
storage::Result<AppendedEvent> append_event(pqxx::transaction_base& tx, const NewEvent& event,
                                            const std::vector<int>& typed = {});

}  // namespace cj::journal
