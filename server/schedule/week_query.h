// The week of a site: the planned items of its open journeys' current plans that fall on the
// week's days (in the site's zone), and every item that slipped up to the week's end (its due
// time has passed and its step is not recorded: workflows::plan_kind_step()).
//
// Runs inside the caller's transaction. Database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class transaction_base;
}

namespace cj::schedule {

struct WeekItem {
  std::string coi, initials, product, kind;
  std::string start, start_local;  // "2026-12-07T08:00:00Z", "2026-12-07T09:00" (the site's zone)
  std::optional<std::string> end, end_local;
  std::string start_day, end_day;  // the local days it takes ("2026-12-07")
  std::string due_at, due_day;     // when its step is due (workflows::plan_kind_due_at_end)
  std::string due_local;           // due_at in the site's zone
  bool done = false;               // its step is recorded (accepted)
  bool slipped = false;            // due_at has passed and it is not done
};

/// The items of the week monday..sunday ("YYYY-MM-DD"), by start.
std::vector<WeekItem> week_items(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& monday,
                                 const std::string& sunday);

}  // namespace cj::schedule
