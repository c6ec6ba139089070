#include "server/schedule/week_query.h"

#include <pqxx/pqxx>

#include "server/board/next_planned.h"
#include "server/db/statement.h"

namespace cj::schedule {

namespace {

#define CJ_LAST_DAY "(greatest(starts_at, coalesce(ends_at, starts_at) - interval '1 second') AT TIME ZONE tz)::date"

// $4..$6: each kind's step and whether it is due by the item's end (board::plan_kind_arrays(),
// from workflows: the rule is written once).
constexpr db::Statement kWeek{
    "schedule_week_items",
    "WITH k AS (SELECT * FROM unnest($4::text[], $5::text[], $6::boolean[]) AS k(kind, step, at_end)),"
    " items AS (SELECT j.coi, p.initials, j.product, c.kind, c.starts_at, c.ends_at, s.time_zone AS tz,"
    "  CASE WHEN k.at_end THEN coalesce(c.ends_at, c.starts_at) ELSE c.starts_at END AS due_at,"
    "  EXISTS (SELECT 1 FROM events e WHERE e.journey_id = j.id AND e.step = k.step AND e.decision = 'accepted')"
    "   AS done"
    "  FROM current_plan_items c JOIN k ON k.kind = c.kind JOIN journeys j ON j.id = c.journey_id"
    "  JOIN sites s ON s.id = j.site_id JOIN patients p ON p.id = j.patient_id"
    "  WHERE j.site_id = $1 AND j.status IN ('active', 'on_hold'))"
    " SELECT coi, initials, product, kind, iso_utc(starts_at), iso_utc(ends_at),"
    "  to_char(starts_at AT TIME ZONE tz, 'YYYY-MM-DD\"T\"HH24:MI'), to_char(ends_at AT TIME ZONE tz, 'YYYY-MM-DD\"T\"HH24:MI'),"
    "  (starts_at AT TIME ZONE tz)::date::text, " CJ_LAST_DAY
    "::text, iso_utc(due_at),"
    "  (due_at AT TIME ZONE tz)::date::text, done, NOT done AND due_at < now(),"
    "  to_char(due_at AT TIME ZONE tz, 'YYYY-MM-DD\"T\"HH24:MI')"
    " FROM items"
    " WHERE ((starts_at AT TIME ZONE tz)::date <= $3::date AND " CJ_LAST_DAY
    " >= $2::date)"
    "  OR (NOT done AND due_at < now() AND (due_at AT TIME ZONE tz)::date <= $3::date)"
    " ORDER BY starts_at, coi, kind"};

#undef CJ_LAST_DAY

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

}  // namespace

std::vector<WeekItem> week_items(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& monday,
                                 const std::string& sunday) {
  const board::PlanKindArrays& k = board::plan_kind_arrays();
  std::vector<WeekItem> items;
  for (const auto& r : db::exec(tx, kWeek, site_id, monday, sunday, k.kinds, k.steps, k.at_end)) {
    WeekItem i;
    i.coi = r[0].as<std::string>();
    i.initials = r[1].as<std::string>();
    i.product = r[2].as<std::string>();
    i.kind = r[3].as<std::string>();
    i.start = r[4].as<std::string>();
    i.end = text(r[5]);
    i.start_local = r[6].as<std::string>();
    i.end_local = text(r[7]);
    i.start_day = r[8].as<std::string>();
    i.end_day = r[9].as<std::string>();
    i.due_at = r[10].as<std::string>();
    i.due_day = r[11].as<std::string>();
    i.done = r[12].as<bool>();
    i.slipped = r[13].as<bool>();
    i.due_local = r[14].as<std::string>();
    items.push_back(std::move(i));
  }
  return items;
}

}  // namespace cj::schedule
