// A site's capacity per resource and day (migration 0014: site_capacity, append-only): a default
// per weekday, and overrides for single dates (a holiday, a chair out of service). Per weekday
// plus dated overrides rather than one row per date: a unit's chairs and beds follow its weekly
// staffing, so the coordinator sets five numbers once instead of one per day, and marks only the
// days that differ. The newest row for a date wins over the weekday's; a date with neither has
// no capacity set (no conflict is computed for it).
//
// Functions run inside the caller's transaction and commit nothing. Errors the client caused
// are base::Failure; database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class transaction_base;
}

namespace cj::schedule {

/// One change: places of resource on a weekday (1 Monday .. 7 Sunday) or on a date.
struct CapacityChange {
  std::string resource;  // apheresis_chair, infusion_bed
  std::optional<int> weekday;
  std::optional<std::string> date;  // "2026-12-24"
  int places = 0;
};

/// Appends the changes by user_id with their reason.
void add_capacity(pqxx::transaction_base& tx, std::int64_t site_id, const std::vector<CapacityChange>& changes,
                  const std::string& reason, std::int64_t user_id);

/// The site's zone ("Europe/Zurich").
std::string site_time_zone(pqxx::transaction_base& tx, std::int64_t site_id);

/// The site's today in its zone ("2026-12-07") and the Monday of that week.
struct SiteToday {
  std::string today, monday;
  std::string now;  // the transaction's now, "2026-12-07T08:00:00Z"
};
SiteToday site_today(pqxx::transaction_base& tx, std::int64_t site_id);

struct BookedBy {
  std::string coi, initials, kind;
};

/// One resource on one day: its places (none: not set), what is booked, and by whom.
struct CapacityDay {
  std::string day;
  std::string resource;
  std::optional<int> places;
  std::vector<BookedBy> bookings;
  bool conflict() const { return places && static_cast<int>(bookings.size()) > *places; }
};

/// Every day from..to (inclusive, "YYYY-MM-DD") for both resources, by day then resource.
std::vector<CapacityDay> capacity_days(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& from,
                                       const std::string& to);

/// A row of the capacity's history: what was set, by whom, when and why.
struct CapacityRow {
  std::string resource;
  std::optional<int> weekday;
  std::optional<std::string> date;
  int places = 0;
  std::string reason, changed_by, changed_at;
};

/// The weekday defaults in force (newest per resource and weekday).
std::vector<CapacityRow> weekday_defaults(pqxx::transaction_base& tx, std::int64_t site_id);
/// The newest changes first, at most limit.
std::vector<CapacityRow> capacity_changes(pqxx::transaction_base& tx, std::int64_t site_id, int limit);

}  // namespace cj::schedule
