#include "server/board/next_planned.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "workflows/schedule_rules.h"

namespace cj::board {

namespace {

constexpr db::Statement kNext{
    "board_next_planned",
    "WITH k AS (SELECT * FROM unnest($2::text[], $3::text[], $4::boolean[]) AS k(kind, step, at_end))"
    " SELECT c.kind, k.step, iso_utc(CASE WHEN k.at_end THEN coalesce(c.ends_at, c.starts_at) ELSE c.starts_at END) AS at"
    " FROM current_plan_items c JOIN k ON k.kind = c.kind WHERE c.journey_id = $1"
    " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.journey_id = c.journey_id AND e.step = k.step"
    "  AND e.decision = 'accepted')"
    " ORDER BY CASE WHEN k.at_end THEN coalesce(c.ends_at, c.starts_at) ELSE c.starts_at END, c.kind LIMIT 1"};

}  // namespace

const PlanKindArrays& plan_kind_arrays() {
  static const PlanKindArrays arrays = [] {
    PlanKindArrays a{"{", "{", "{"};
    for (const workflows::PlanKind kind : workflows::kPlanKinds) {
      const char* sep = a.kinds.size() > 1 ? "," : "";
      a.kinds.append(sep).append(workflows::plan_kind_name(kind));
      a.steps.append(sep).append(workflows::plan_kind_step(kind));
      a.at_end.append(sep).append(workflows::plan_kind_due_at_end(kind) ? "t" : "f");
    }
    a.kinds += "}";
    a.steps += "}";
    a.at_end += "}";
    return a;
  }();
  return arrays;
}

std::optional<PlannedItem> next_planned(pqxx::transaction_base& tx, std::int64_t journey_id) {
  const PlanKindArrays& k = plan_kind_arrays();
  const auto rows = db::exec(tx, kNext, journey_id, k.kinds, k.steps, k.at_end);
  if (rows.empty()) return std::nullopt;
  return PlannedItem{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>()};
}

}  // namespace cj::board
