// The engine's answer to one event: accepted or refused, with refusals, deviations and what is
// expected next. JSON as docs/design.md shows it (json_io.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflows/codes.h"
#include "workflows/time_point.h"

namespace cj::workflows {

struct Finding {
  Code code;
  Severity severity;
  std::string message;  // for people: what happened against which limit
  std::string rule;     // "kymriah/thaw-to-infusion-end"; core checks are "core/<check>"
};

struct Expectation {
  std::string step;
  std::optional<TimePoint> due_by;
};

struct Decision {
  bool accepted = true;
  std::optional<std::int64_t> event_id;  // set by whoever records the event
  std::vector<Finding> refusals;
  std::vector<Finding> deviations;
  std::vector<Expectation> next;
  // What the engine resolved (not part of the JSON): the registered unit keys scanned.
  std::vector<std::string> units;
};

}  // namespace cj::workflows
