// Reading PUT /api/v1/journeys/{coi}/plan's body, refusing what does not fit with a 400 naming
// the field ("items[2].start"):
//   {"items": [{"kind": "apheresis", "start": "2026-12-01T08:00:00Z", "end": "2026-12-01T14:00:00Z"},
//              {"kind": "infusion", "start": "2027-01-07T10:00:00+01:00"}],
//    "reason": "manufacturing slot moved by the manufacturer",   // required for a change
//    "version": 1}                                               // optional: the version changed
// Items are the whole plan: a kind left out is no longer planned. Each kind at most once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/api/call.h"
#include "server/schedule/plan_store.h"

namespace cj::schedule {

struct PlanRequest {
  std::vector<StoredItem> items;  // times as UTC ("2026-12-01T08:00:00Z")
  std::optional<std::string> reason;
  std::optional<int> version;  // the version the caller saw; a newer one makes the PUT a 409
};

inline constexpr std::size_t kMaxReason = 500;

PlanRequest read_plan_request(const api::Call& call);

}  // namespace cj::schedule
