#include "server/schedule/capacity_store.h"

#include <map>

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/db/statement.h"

namespace cj::schedule {

namespace {

constexpr db::Statement kAdd{"schedule_capacity_add",
                             "INSERT INTO site_capacity (site_id, resource, weekday, day, places, reason, changed_by)"
                             " VALUES ($1, $2, $3::smallint, $4::date, $5, $6, $7)"};
constexpr db::Statement kZone{"schedule_site_zone", "SELECT time_zone FROM sites WHERE id = $1"};
constexpr db::Statement kToday{
    "schedule_site_today",
    "SELECT (now() AT TIME ZONE time_zone)::date::text, date_trunc('week', now() AT TIME ZONE time_zone)::date::text,"
    " iso_utc(now())"
    " FROM sites WHERE id = $1"};
constexpr db::Statement kDays{"schedule_capacity_days",
                              "SELECT d::date::text, r.resource, site_capacity_on($1, r.resource, d::date)"
                              " FROM generate_series($2::date, $3::date, interval '1 day') d"
                              " CROSS JOIN (VALUES ('apheresis_chair'), ('infusion_bed')) r(resource) ORDER BY 1, 2"};
constexpr db::Statement kBooked{
    "schedule_capacity_booked",
    "SELECT b.day::text, b.resource, j.coi, p.initials, b.kind FROM current_bookings b"
    " JOIN journeys j ON j.id = b.journey_id JOIN patients p ON p.id = j.patient_id"
    " WHERE b.site_id = $1 AND b.day BETWEEN $2::date AND $3::date ORDER BY b.day, b.resource, j.coi"};
constexpr db::Statement kDefaults{
    "schedule_capacity_defaults",
    "SELECT DISTINCT ON (c.resource, c.weekday) c.resource, c.weekday, c.day::text, c.places, c.reason, u.username,"
    " iso_utc(c.changed_at) FROM site_capacity c JOIN users u ON u.id = c.changed_by"
    " WHERE c.site_id = $1 AND c.weekday IS NOT NULL ORDER BY c.resource, c.weekday, c.id DESC"};
constexpr db::Statement kChanges{
    "schedule_capacity_changes",
    "SELECT c.resource, c.weekday, c.day::text, c.places, c.reason, u.username, iso_utc(c.changed_at)"
    " FROM site_capacity c JOIN users u ON u.id = c.changed_by WHERE c.site_id = $1 ORDER BY c.id DESC LIMIT $2"};

const char* or_null(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

std::vector<CapacityRow> rows_of(const pqxx::result& result) {
  std::vector<CapacityRow> rows;
  for (const auto& r : result) {
    CapacityRow row;
    row.resource = r[0].as<std::string>();
    if (!r[1].is_null()) row.weekday = r[1].as<int>();
    if (!r[2].is_null()) row.date = r[2].as<std::string>();
    row.places = r[3].as<int>();
    row.reason = r[4].as<std::string>();
    row.changed_by = r[5].as<std::string>();
    row.changed_at = r[6].as<std::string>();
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

void add_capacity(pqxx::transaction_base& tx, std::int64_t site_id, const std::vector<CapacityChange>& changes,
                  const std::string& reason, std::int64_t user_id) {
  for (const CapacityChange& c : changes) {
    const std::optional<std::string> weekday =
        c.weekday ? std::optional<std::string>(std::to_string(*c.weekday)) : std::nullopt;
    db::exec0(tx, kAdd, site_id, c.resource, or_null(weekday), or_null(c.date), c.places, reason, user_id);
  }
}

std::string site_time_zone(pqxx::transaction_base& tx, std::int64_t site_id) {
  return db::exec1(tx, kZone, site_id)[0].as<std::string>();
}

SiteToday site_today(pqxx::transaction_base& tx, std::int64_t site_id) {
  const auto r = db::exec1(tx, kToday, site_id);
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()};
}

std::vector<CapacityDay> capacity_days(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& from,
                                       const std::string& to) {
  std::vector<CapacityDay> days;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (const auto& r : db::exec(tx, kDays, site_id, from, to)) {
    CapacityDay d;
    d.day = r[0].as<std::string>();
    d.resource = r[1].as<std::string>();
    if (!r[2].is_null()) d.places = r[2].as<int>();
    index[{d.day, d.resource}] = days.size();
    days.push_back(std::move(d));
  }
  for (const auto& r : db::exec(tx, kBooked, site_id, from, to)) {
    const auto found = index.find({r[0].as<std::string>(), r[1].as<std::string>()});
    if (found == index.end()) continue;
    days[found->second].bookings.push_back({r[2].as<std::string>(), r[3].as<std::string>(), r[4].as<std::string>()});
  }
  return days;
}

std::vector<CapacityRow> weekday_defaults(pqxx::transaction_base& tx, std::int64_t site_id) {
  return rows_of(db::exec(tx, kDefaults, site_id));
}

std::vector<CapacityRow> capacity_changes(pqxx::transaction_base& tx, std::int64_t site_id, int limit) {
  return rows_of(db::exec(tx, kChanges, site_id, limit));
}

}  // namespace cj::schedule
