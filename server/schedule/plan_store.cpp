#include "server/schedule/plan_store.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"

namespace cj::schedule {

namespace {

using workflows::PlanKind;

constexpr db::Statement kLock{"schedule_plan_lock",
                              "SELECT (SELECT coalesce(max(version), 0) FROM plan_versions WHERE journey_id = $1)"
                              " FROM journeys WHERE id = $1 FOR UPDATE"};
constexpr db::Statement kVersion{"schedule_plan_version",
                                 "INSERT INTO plan_versions (journey_id, version, planned_by, reason)"
                                 " VALUES ($1, $2, $3, $4) RETURNING id"};
constexpr db::Statement kItem{"schedule_plan_item",
                              "INSERT INTO plan_items (plan_version_id, journey_id, kind, starts_at, ends_at)"
                              " VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz) RETURNING id"};
// Every local day the item touches; a slot ending at midnight does not take the next day.
constexpr db::Statement kBook{
    "schedule_plan_book",
    "INSERT INTO plan_bookings (plan_item_id, site_id, resource, day)"
    " SELECT $1, s.id, $3, d::date FROM sites s, generate_series(($4::timestamptz AT TIME ZONE s.time_zone)::date,"
    "  (greatest($4::timestamptz, coalesce($5::timestamptz, $4::timestamptz) - interval '1 second')"
    "   AT TIME ZONE s.time_zone)::date, interval '1 day') d"
    " WHERE s.id = $2"};
constexpr db::Statement kHistory{
    "schedule_plan_history",
    "SELECT v.version, u.username, iso_utc(v.planned_at), v.reason, i.kind, iso_utc(i.starts_at), iso_utc(i.ends_at)"
    " FROM plan_versions v JOIN users u ON u.id = v.planned_by LEFT JOIN plan_items i ON i.plan_version_id = v.id"
    " WHERE v.journey_id = $1 ORDER BY v.version, i.starts_at, i.kind"};
constexpr db::Statement kBookings{
    "schedule_plan_bookings",
    "SELECT b.kind, b.resource, b.day::text, site_capacity_on(b.site_id, b.resource, b.day),"
    " (SELECT count(*) FROM current_bookings o WHERE o.site_id = b.site_id AND o.resource = b.resource"
    "  AND o.day = b.day)"
    " FROM current_bookings b WHERE b.journey_id = $1 ORDER BY b.day, b.resource"};

const char* or_null(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

PlanKind kind_of(const pqxx::field& f) { return workflows::parse_plan_kind(f.as<std::string>()).value(); }

}  // namespace

std::optional<std::string> resource_of(PlanKind kind) {
  if (kind == PlanKind::Apheresis) return "apheresis_chair";
  if (kind == PlanKind::Infusion) return "infusion_bed";
  return std::nullopt;
}

int lock_plan(pqxx::transaction_base& tx, std::int64_t journey_id) {
  return db::exec1(tx, kLock, journey_id)[0].as<int>();
}

void append_plan(pqxx::transaction_base& tx, std::int64_t journey_id, std::int64_t site_id, int version,
                 const std::vector<StoredItem>& items, const std::optional<std::string>& reason, std::int64_t user_id) {
  const auto version_id = db::exec1(tx, kVersion, journey_id, version, user_id, or_null(reason))[0].as<std::int64_t>();
  for (const StoredItem& item : items) {
    const std::string kind(workflows::plan_kind_name(item.kind));
    const auto item_id =
        db::exec1(tx, kItem, version_id, journey_id, kind, item.start, or_null(item.end))[0].as<std::int64_t>();
    if (const auto resource = resource_of(item.kind))
      db::exec(tx, kBook, item_id, site_id, *resource, item.start, or_null(item.end));
  }
}

std::vector<PlanVersion> plan_history(pqxx::transaction_base& tx, std::int64_t journey_id) {
  std::vector<PlanVersion> versions;
  for (const auto& r : db::exec(tx, kHistory, journey_id)) {
    const int version = r[0].as<int>();
    if (versions.empty() || versions.back().version != version) {
      PlanVersion v;
      v.version = version;
      v.planned_by = r[1].as<std::string>();
      v.planned_at = r[2].as<std::string>();
      if (!r[3].is_null()) v.reason = r[3].as<std::string>();
      versions.push_back(std::move(v));
    }
    if (r[4].is_null()) continue;  // a version that planned nothing (every item removed)
    StoredItem item{kind_of(r[4]), r[5].as<std::string>(), std::nullopt};
    if (!r[6].is_null()) item.end = r[6].as<std::string>();
    versions.back().items.push_back(std::move(item));
  }
  return versions;
}

std::vector<Booking> plan_bookings(pqxx::transaction_base& tx, std::int64_t journey_id) {
  std::vector<Booking> bookings;
  for (const auto& r : db::exec(tx, kBookings, journey_id)) {
    Booking b{kind_of(r[0]), r[1].as<std::string>(), r[2].as<std::string>(), std::nullopt, r[4].as<int>()};
    if (!r[3].is_null()) b.places = r[3].as<int>();
    bookings.push_back(std::move(b));
  }
  return bookings;
}

}  // namespace cj::schedule
