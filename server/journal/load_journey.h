// Reading a journey back: identity, units, every event in order, open deviations, in the
// shapes the workflows engine takes (workflows::JourneyIdentity for Context::journey, and
// history() for evaluate()'s History).
//
//   auto loaded = journal::load_journey(tx, journey_id);
//   workflows::Context context = journal::context_of(*loaded, operators);
//   auto decision = workflows::evaluate(definition, site, journal::history(*loaded, definition),
//                                       event, context, now);
//
// Reads inside the caller's transaction; to decide on the history and append, take
// lock_journey() first in the same transaction (append_event.h). One transaction, one thread.
// Errors: kNotFound; database failures throw.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <pqxx/types.hxx>

#include "server/journal/append_event.h"
#include "server/storage/status.h"
#include "workflows/context.h"
#include "workflows/definition.h"
#include "workflows/event.h"

namespace cj::journal {

struct JourneyRow {
  std::int64_t id = 0;
  std::string coi;
  std::string product;  // definition name ("kymriah")
  std::int64_t site_id = 0;
  std::int64_t patient_id = 0;
  std::string status;      // active, completed, disposed, on_hold
  std::string created_at;  // "2026-11-20T10:00:00.000000Z"
  std::int64_t created_by = 0;
  int chain_seq = 0;  // seq of the last event (0: none)
};

struct StoredEvent {
  std::int64_t id = 0;
  int seq = 0;
  workflows::Event event;  // as appended (journey, step, times, station code...)
  std::optional<std::int64_t> station_id;
  std::string recorded_at;  // "2026-11-20T10:00:03.123456Z"
  bool accepted = false;
  boost::json::object decision_json;  // the decision as recorded (no event_id)
  std::vector<std::string> units;     // unit keys the engine resolved
  std::optional<std::int64_t> corrects_event_id;
  std::optional<std::string> correction_reason;
};

struct StoredDeviation {
  std::int64_t id = 0;
  std::optional<std::int64_t> event_id;  // none for OVERDUE
  std::string code;
  std::string severity;
  std::string message;
  std::string rule;
  std::string subject;
  std::string status;  // open, acknowledged (closed ones are not loaded)
  std::string raised_at;
};

struct LoadedJourney {
  JourneyRow journey;
  workflows::JourneyIdentity identity;           // COI, the patient's wristband text, units
  std::vector<StoredEvent> events;               // accepted and refused, by seq
  std::vector<StoredDeviation> open_deviations;  // not closed, by id
};

storage::Result<LoadedJourney> load_journey(pqxx::transaction_base& tx, std::int64_t journey_id);
/// By COI ("CHA99992600001A").
storage::Result<LoadedJourney> load_journey(pqxx::transaction_base& tx, const std::string& coi);

/// Brings `journey` (loaded in tx) up to what load_journey() would read in tx once
/// append_event(tx, appended_from) returned `appended`, without reading it again: the event joins
/// `events` (with the decision as append_event recorded it) and the chain's seq moves; its
/// deviations join `open_deviations` (status open, subject empty), all but their raised_at, which
/// is the database's now() and left empty. For a writer that goes on with the journey in the same
/// transaction (scans/record_step refreshes the board row with it: board::refresh_loaded).
/// REQUIRES the journey's lock was held from the load to the append (lock_journey).
void add_appended(LoadedJourney& journey, const NewEvent& appended_from, const AppendedEvent& appended);

/// The engine's Context of the journey: its identity, its open deviations (each with the units
/// and step of the event that raised it; none for a deviation no event raised), and `operators`.
workflows::Context context_of(const LoadedJourney& journey,
                              std::map<std::string, workflows::Operator, std::less<>> operators = {});

/// The accepted events as the engine's History (workflows::record() of each), oldest first.
/// REQUIRES definition is the journey's product definition.
workflows::History history(const LoadedJourney& journey, const workflows::Definition& definition);

}  // namespace cj::journal
