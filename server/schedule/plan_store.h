// A journey's plan as stored (migration 0014): versions of planned items, each version the whole
// plan, never changed; the newest is the plan. Writing a version books the site's resources for
// its items (plan_bookings: an apheresis slot a chair, an infusion a bed, on each of the item's
// days in the site's time zone).
//
// Functions run inside the caller's transaction and commit nothing. Database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflows/schedule_rules.h"

namespace pqxx {
class transaction_base;
}

namespace cj::schedule {

/// One planned item, times as "2026-12-01T08:00:00Z".
struct StoredItem {
  workflows::PlanKind kind = workflows::PlanKind::Apheresis;
  std::string start;
  std::optional<std::string> end;
};

struct PlanVersion {
  int version = 0;
  std::string planned_by;  // username
  std::string planned_at;
  std::optional<std::string> reason;  // none for the first version
  std::vector<StoredItem> items;      // by start
};

/// The resource an item of that kind takes ("apheresis_chair", "infusion_bed"), or none.
std::optional<std::string> resource_of(workflows::PlanKind kind);

/// Takes the journey's row lock until tx ends, so that two changes of one plan are numbered one
/// after the other; returns the current version (0: never planned).
int lock_plan(pqxx::transaction_base& tx, std::int64_t journey_id);

/// Appends version `version` (lock_plan() + 1) by user_id, its items and their bookings at site_id.
/// REQUIRES: lock_plan() in tx; reason set when version > 1.
void append_plan(pqxx::transaction_base& tx, std::int64_t journey_id, std::int64_t site_id, int version,
                 const std::vector<StoredItem>& items, const std::optional<std::string>& reason, std::int64_t user_id);

/// Every version of the journey's plan, oldest first (empty: never planned).
std::vector<PlanVersion> plan_history(pqxx::transaction_base& tx, std::int64_t journey_id);

/// One day's booking of a resource by the journey's plan, with that day's figures at the site.
struct Booking {
  workflows::PlanKind kind = workflows::PlanKind::Apheresis;
  std::string resource;
  std::string day;            // "2026-12-01", in the site's zone
  std::optional<int> places;  // none: the site has set no capacity for it
  int booked = 0;             // every open journey's bookings of that resource that day
  bool conflict() const { return places && booked > *places; }
};

/// The bookings of the journey's current plan (none when the journey is no longer open).
std::vector<Booking> plan_bookings(pqxx::transaction_base& tx, std::int64_t journey_id);

}  // namespace cj::schedule
