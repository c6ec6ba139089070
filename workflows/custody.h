// Where a journey's units stand after its holds, releases, returns, receipts and disposals, in
// the order they were recorded: what the hard stops (ON_HOLD, UNIT_DISPOSED, UNIT_RETURNED), the
// open obligations and the board read. Built by JourneyIndex from the accepted history.
//
// A hold, return or dispose that scanned units is about those units; one that scanned none is
// about the journey (every unit). hold.release lifts the holds of the units it scanned, or with
// none scanned every hold. A receipt (a step that `readmits`) brings returned units back: those
// it scanned, or with no returned unit scanned all of them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/definition.h"
#include "workflows/event.h"

namespace cj::workflows {

struct Hold {
  std::string reason;  // the hold event's data.reason
  TimePoint since{};
  std::int64_t event_id = 0;
};

struct Custody {
  std::optional<Hold> journey_hold;
  std::map<std::string, Hold, std::less<>> unit_holds;  // by unit key
  bool journey_disposed = false;                        // closes the journey: only corrections are accepted after
  bool journey_returned = false;
  std::set<std::string, std::less<>> disposed, returned;  // unit keys

  // The unit's own hold, else the journey's, else nullptr.
  const Hold* hold_of(std::string_view unit) const;
  bool is_disposed(std::string_view unit) const { return journey_disposed || disposed.contains(unit); }
  bool is_returned(std::string_view unit) const { return journey_returned || returned.contains(unit); }
  // Disposed or returned: no step is expected of it any more.
  bool is_out(std::string_view unit) const { return is_disposed(unit) || is_returned(unit); }

  // Applies one accepted event (oldest first); `readmits`: its step is a receipt (StepRule::readmits).
  void apply(const RecordedEvent& event, bool readmits);
  void apply(const Definition& definition, const RecordedEvent& event);
};

}  // namespace cj::workflows
