// How far a journey has come and what status that gives it, from its accepted events: what the
// board's row shows and journeys.status holds. Pure.
//
//   Stage stage;
//   for (const Event& e : accepted_events) stage.advance(model, e);   // oldest first
//   const JourneyStatus status = journey_status(model, standing, stage, nothing_open);
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "workflows/bag_status.h"
#include "workflows/event.h"
#include "workflows/journey_model.h"
#include "workflows/time_point.h"

namespace cj::workflows {

// The stage reached: the furthest core step among the accepted events, and when it was first
// reached (a per-bag step is reached with its first bag).
struct Stage {
  int index = 0;                   // JourneyModel::stage_of() of `step`; 0: no core step recorded yet
  std::string step;                // empty at 0
  std::optional<TimePoint> since;  // the occurred_at of the event that reached it; none at 0

  // Takes one accepted event into account (a refusal moves nothing: do not pass one). Events
  // come oldest first: of two events reaching the same stage, the first one says since when.
  void advance(const JourneyModel& model, const Event& accepted);
};

enum class JourneyStatus { Active, OnHold, Completed, Returned, Disposed };

// "active", "on_hold", "completed", "returned", "disposed": the words of the API and the database.
std::string_view status_name(JourneyStatus status);

// The first that applies:
//   Disposed:  the whole product disposed of, or every bag;
//   Returned:  likewise returned (or each bag returned or disposed of), with no receipt since;
//   Completed: the last core step recorded (stage) and `nothing_open` (no step left expected);
//   OnHold:    a hold of the journey not released (a bag's own hold leaves the journey active);
//   Active:    otherwise.
// `standing.bags` empty: no bag makes the journey disposed or returned; only its custody does.
JourneyStatus journey_status(const JourneyModel& model, const JourneyStanding& standing, const Stage& stage,
                             bool nothing_open);

}  // namespace cj::workflows
