// A journey's next planned date for the board (its plan: server/schedule, migration 0014): the
// item of its newest plan that is due first among those whose step is not yet recorded, at the
// time that step is due (an apheresis, manufacturing or lymphodepletion item by its end, a
// shipment or infusion by its start: workflows/schedule_rules.h). A date already passed stays
// the next one until its step is recorded: the plan slipped, and the board says so.
//
// Kept in board_rows (planned_at, planned_kind, planned_step; migration 0021) by every refresh
// of the row, and by every change of the plan, so the board orders by it without reading plans.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace pqxx {
class transaction_base;
}

namespace cj::board {

struct PlannedItem {
  std::string kind;  // "infusion"
  std::string step;  // "infusion.start"
  std::string at;    // when the step is due, "2026-12-07T08:00:00Z"
};

std::optional<PlannedItem> next_planned(pqxx::transaction_base& tx, std::int64_t journey_id);

/// The plan kinds with their steps and whether each is due by its end, as PostgreSQL array
/// literals ("{apheresis,...}", "{apheresis.collect,...}", "{t,...}"), for the queries that join
/// plan items to the steps that fulfil them (unnest($k::text[], $s::text[], $e::boolean[])).
struct PlanKindArrays {
  std::string kinds, steps, at_end;
};
const PlanKindArrays& plan_kind_arrays();

}  // namespace cj::board
