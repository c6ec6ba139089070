// An event (one recorded step) and the journey's accepted history, as the engine reads them.
// The JSON shape is docs/design.md's "The event and the decision"; see json_io.h.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflows/time_point.h"

namespace cj::workflows {

struct Event {
  std::string journey;  // the COI ("CHA99992600001A")
  std::string step;     // "product.thaw"
  TimePoint occurred_at{};
  std::string station;
  std::vector<std::string> operators;  // user ids; the first is the one doing it
  std::vector<std::string> scans;      // raw scanned text, parsed by the engine
  boost::json::object data;            // the step's fields, named as the definition names them
  std::string idempotency_key;
};

// An event the engine accepted, with what it resolved while deciding (so that evaluating the
// next event never parses the history's scans again).
struct RecordedEvent {
  std::int64_t event_id = 0;
  Event event;
  std::size_t step_index = 0;              // into Definition::steps
  std::vector<std::string> units;          // registered unit keys the scans resolved to
  bool out_of_specification = false;       // manufacturing.release said so
  std::optional<bool> physician_releases;  // oos.physician_decision: release (true) or not
};

using History = std::vector<RecordedEvent>;

}  // namespace cj::workflows
