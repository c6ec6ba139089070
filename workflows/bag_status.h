// Where each bag of a journey stands, for people: the board, the journey page and the station
// show the dose (split-dose products), the furthest step recorded for it, and its hold. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/context.h"
#include "workflows/custody.h"
#include "workflows/definition.h"
#include "workflows/event.h"

namespace cj::workflows {

struct BagStatus {
  std::string unit;         // the unit key ("A999926123456/S1194A00")
  std::string kind;         // bag, vial
  std::optional<int> dose;  // split-dose products: 1, 2
  std::string colour;
  // registered, stored, thawing (thaw started), thawed (thaw complete), checked (bedside check),
  // infusing, infused, disposed, returned
  std::string state;
  std::optional<Hold> hold;  // its own hold or the journey's
};

// Where the journey stands, from one pass over its history.
struct JourneyStanding {
  Custody custody;              // its hold (custody.journey_hold), returns and disposals
  std::vector<BagStatus> bags;  // its final-product units (kinds bag and vial), in registration order
};

JourneyStanding journey_standing(const Definition& definition, const History& history, const Context& context);

}  // namespace cj::workflows
