// What an export knows of one journey: its identity, its units and the events that count, as
// pure data (export_query.h loads it from the journal; tests build it by hand).
//
// "The events that count" are the accepted events that no accepted correction names: a
// registry interval is computed from recorded events only (never typed in), and an event that
// was corrected is not a fact any more. The correction itself is not a step of the journey.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "workflows/context.h"
#include "workflows/event.h"

namespace cj::exports {

struct FactEvent {
  workflows::RecordedEvent recorded;   // the event as the engine recorded it (units, OOS flags)
  int seq = 0;                         // its place in the journey's chain
  std::string recorded_at;             // server time of recording, "2026-11-20T10:00:03.123456Z"
  std::int64_t corrects_event_id = 0;  // a correction: the event it corrects (0: none)
};

struct JourneyFacts {
  std::string coi;                                 // "CHA99992600001A": the journey's pseudonym, never the MRN
  std::string product;                             // definition name ("kymriah")
  std::string product_name;                        // "Kymriah (tisagenlecleucel)"; empty when the rules did not load
  std::string site;                                // site code
  std::string status;                              // active, completed, disposed, on_hold
  std::vector<workflows::Unit> units;              // registered units, in registration order
  std::vector<FactEvent> events;                   // the events that count (counted_events()), oldest first
  std::vector<std::string> deviation_codes;        // every deviation raised, any status, by id
  std::map<std::string, std::string> identifiers;  // the manufacturer's, current values by kind ("order_id")
};

/// The accepted events minus the corrections and minus every event an accepted correction
/// names, in the order given. REQUIRES events holds accepted events only.
std::vector<FactEvent> counted_events(std::vector<FactEvent> events);

/// The engine's history of facts.events (for workflows::derive_time_points()).
workflows::History history_of(const JourneyFacts& facts);

}  // namespace cj::exports
