// The site's capacity, week and calendar (schedule_routes.h).
#include <algorithm>
#include <chrono>
#include <map>
#include <regex>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/audit/admin_log.h"
#include "server/schedule/capacity_store.h"
#include "server/schedule/ical_writer.h"
#include "server/schedule/plan_store.h"
#include "server/schedule/schedule_routes.h"
#include "server/schedule/week_query.h"
#include "server/db/statement.h"

namespace cj::schedule {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using base::Failure;

constexpr int kMaxRangeDays = 62;
constexpr std::size_t kMaxChanges = 100;
constexpr std::string_view kResources[] = {"apheresis_chair", "infusion_bed"};
constexpr const char* kWeekdays[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

constexpr db::Statement kSite{"schedule_site_by_code", "SELECT id FROM sites WHERE code = $1"};

// The site, when who holds one of roles there (any role when roles is empty); otherwise 403, the
// same for a site that does not exist, so that nobody can probe for other hospitals' sites.
std::int64_t site_for(pqxx::transaction_base& tx, const api::Principal& who, const std::string& code,
                      std::initializer_list<api::Role> roles, const std::string& what) {
  const auto found = db::exec(tx, kSite, code);
  const std::int64_t id = found.empty() ? 0 : found[0][0].as<std::int64_t>();
  // A site that does not exist or is not the caller's is not found, as everywhere in the API
  // (no telling which codes exist); one of theirs without the role is forbidden.
  if (id == 0 || !who.can_see_site(id)) throw Failure::not_found("No site '" + code + "' of yours.");
  bool allowed = roles.size() == 0;
  for (const api::Role role : roles) allowed = allowed || who.has_role(role, id);
  if (!allowed) throw Failure::forbidden(what + " at site '" + code + "' needs a role there that may do it.");
  return id;
}

// A date "YYYY-MM-DD" of a query parameter, or nullopt when absent; 400 naming it otherwise.
std::optional<workflows::TimePoint> date_param(const Call& call, const char* name) {
  const auto value = call.query(name);
  if (!value || value->empty()) return std::nullopt;
  static const std::regex kDate(R"(\d{4}-\d\d-\d\d)");
  const auto date = std::regex_match(*value, kDate) ? workflows::parse_date(*value) : std::nullopt;
  if (!date) throw Failure::invalid_field(name, std::string(name) + " is a date like 2026-12-07.");
  return date;
}

std::string date_text(workflows::TimePoint t) { return workflows::format_time(t).substr(0, 10); }
workflows::TimePoint plus_days(workflows::TimePoint t, int days) { return t + std::chrono::days{days}; }

int weekday_of(const std::string& date) {
  const auto t = workflows::parse_date(date).value();
  return static_cast<int>(std::chrono::weekday{std::chrono::floor<std::chrono::days>(t)}.iso_encoding());
}

// --- capacity --------------------------------------------------------------------------------

struct CapacityRequest {
  std::vector<CapacityChange> changes;
  std::string reason;
};

CapacityRequest read_capacity_request(const Call& call) {
  const auto& body = call.body_object();
  // A site's zone is one setting with one record of its changes (an administrator's, on the
  // site's settings); the capacity does not set it too.
  if (body.contains("time_zone")) {
    throw Failure::invalid_field("time_zone",
                                 "A site's time zone is set by an administrator: PUT /api/v1/sites/{code}/settings "
                                 "{\"time_zone\": \"Europe/Zurich\"} or `celljourney site set CODE --time-zone ZONE`.");
  }
  api::refuse_unknown_fields(body, {"changes", "reason"});
  CapacityRequest request;
  request.reason = api::required_string(body, "reason", 500);
  const auto& changes = api::required_array(body, "changes", kMaxChanges);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const std::string field = std::string("changes[") + std::to_string(i) + "]";
    const auto& object = api::object_element(changes[i], field);
    api::refuse_unknown_fields(object, {"resource", "weekday", "date", "places"}, field);
    CapacityChange change;
    change.resource = api::required_string(object, "resource", 32, field);
    if (std::find(std::begin(kResources), std::end(kResources), change.resource) == std::end(kResources)) {
      throw Failure::invalid_field(field + ".resource", "resource is apheresis_chair or infusion_bed.");
    }
    const auto* weekday = object.if_contains("weekday");
    change.date = api::optional_string(object, "date", 10, field);
    if ((weekday != nullptr && !weekday->is_null()) == change.date.has_value()) {
      throw Failure::invalid_field(field, "a change names either a weekday (1 Monday to 7 Sunday) or a date.");
    }
    if (weekday != nullptr && !weekday->is_null()) {
      if (!weekday->is_int64() || weekday->as_int64() < 1 || weekday->as_int64() > 7) {
        throw Failure::invalid_field(field + ".weekday", "weekday is 1 (Monday) to 7 (Sunday).");
      }
      change.weekday = static_cast<int>(weekday->as_int64());
    } else {
      api::checked_utc_time(*change.date, field + ".date");
      if (change.date->size() != 10) throw Failure::invalid_field(field + ".date", "date is like 2026-12-24.");
    }
    const auto* places = object.if_contains("places");
    if (places == nullptr || !places->is_int64() || places->as_int64() < 0 || places->as_int64() > 100) {
      throw Failure::invalid_field(field + ".places", "places is a whole number from 0 to 100.");
    }
    change.places = static_cast<int>(places->as_int64());
    request.changes.push_back(std::move(change));
  }
  return request;
}

json::object capacity_row_json(const CapacityRow& r) {
  json::object out{{"resource", r.resource},
                   {"places", r.places},
                   {"reason", r.reason},
                   {"changed_by", r.changed_by},
                   {"changed_at", r.changed_at}};
  out["weekday"] = r.weekday ? json::value(*r.weekday) : json::value(nullptr);
  out["date"] = r.date ? json::value(*r.date) : json::value(nullptr);
  return out;
}

json::object day_json(const CapacityDay& d) {
  json::array bookings;
  for (const BookedBy& b : d.bookings) {
    bookings.push_back(json::object{{"coi", b.coi}, {"initials", b.initials}, {"item", b.kind}});
  }
  return json::object{{"date", d.day},
                      {"resource", d.resource},
                      {"places", d.places ? json::value(*d.places) : json::value(nullptr)},
                      {"booked", d.bookings.size()},
                      {"conflict", d.conflict()},
                      {"bookings", std::move(bookings)}};
}

json::object capacity_json(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& code,
                           const std::string& from, const std::string& to) {
  json::array weekdays, days, changes;
  for (const CapacityRow& r : weekday_defaults(tx, site_id)) weekdays.push_back(capacity_row_json(r));
  for (const CapacityDay& d : capacity_days(tx, site_id, from, to)) days.push_back(day_json(d));
  for (const CapacityRow& r : capacity_changes(tx, site_id, 50)) changes.push_back(capacity_row_json(r));
  return json::object{{"site", code},         {"time_zone", site_time_zone(tx, site_id)},
                      {"from", from},         {"to", to},
                      {"weekdays", weekdays}, {"days", days},
                      {"changes", changes}};
}

Response put_capacity(Call& call, pqxx::connection_base& db) {
  const CapacityRequest request = read_capacity_request(call);
  const std::string& code = call.params.at(0);
  pqxx::work tx(db);
  const std::int64_t site_id =
      site_for(tx, call.who(), code, {api::Role::kCoordinator, api::Role::kAdmin}, "Changing the capacity");
  json::object details{{"reason", request.reason}};
  add_capacity(tx, site_id, request.changes, request.reason, call.who().id);
  json::array logged;
  for (const CapacityChange& c : request.changes) {
    json::object row{{"resource", c.resource}, {"places", c.places}};
    if (c.weekday) row["weekday"] = *c.weekday;
    if (c.date) row["date"] = *c.date;
    logged.push_back(std::move(row));
  }
  details["changes"] = std::move(logged);
  audit::log_action(tx, call.who().name, "site.capacity", code, details);
  const SiteToday today = site_today(tx, site_id);
  const auto from = workflows::parse_date(today.monday).value();
  json::object body = capacity_json(tx, site_id, code, today.monday, date_text(plus_days(from, 6)));
  tx.commit();
  return call.json(200, body);
}

struct Range {
  std::optional<workflows::TimePoint> from, to;
};

Range read_range(const Call& call) {
  Range r{date_param(call, "from"), date_param(call, "to")};
  if (r.from && r.to && (*r.to < *r.from || *r.to - *r.from > std::chrono::days{kMaxRangeDays - 1})) {
    throw Failure::invalid_field("to", "to is on or after from, at most 62 days on.");
  }
  return r;
}

Response get_capacity(Call& call, pqxx::connection_base& db) {
  Range range = read_range(call);
  const std::string& code = call.params.at(0);
  pqxx::read_transaction tx(db, "capacity");
  const std::int64_t site_id = site_for(tx, call.who(), code, {}, "Reading the capacity");
  if (!range.from) range.from = workflows::parse_date(site_today(tx, site_id).today);
  if (!range.to) range.to = plus_days(*range.from, 6);
  if (*range.to < *range.from) throw Failure::invalid_field("to", "to is on or after from, at most 62 days on.");
  return call.json(200, capacity_json(tx, site_id, code, date_text(*range.from), date_text(*range.to)));
}

// --- the week ---------------------------------------------------------------------------------

struct Week {
  std::string site, time_zone, now, start, end;
  std::vector<WeekItem> items;
  std::vector<CapacityDay> capacity;
};

Week read_week(Call& call, pqxx::transaction_base& tx) {
  const auto start = date_param(call, "start");
  const std::string& code = call.params.at(0);
  const std::int64_t site_id = site_for(tx, call.who(), code, {}, "Reading the week");
  const SiteToday today = site_today(tx, site_id);
  const auto first = start ? *start : workflows::parse_date(today.monday).value();
  Week week{code, site_time_zone(tx, site_id), today.now, date_text(first), date_text(plus_days(first, 6)), {}, {}};
  week.items = week_items(tx, site_id, week.start, week.end);
  week.capacity = capacity_days(tx, site_id, week.start, week.end);
  return week;
}

std::string state_of(const WeekItem& i, const std::string& day) {
  if (i.done) return "done";
  if (i.slipped) return "slipped";
  return i.due_day == day ? "due" : "planned";
}

json::object item_json(const WeekItem& i, const std::string& state, bool conflict) {
  return json::object{{"coi", i.coi},
                      {"initials", i.initials},
                      {"product", i.product},
                      {"kind", i.kind},
                      {"step", workflows::plan_kind_step(*workflows::parse_plan_kind(i.kind))},
                      {"start", i.start},
                      {"end", i.end ? json::value(*i.end) : json::value(nullptr)},
                      {"start_local", i.start_local},
                      {"end_local", i.end_local ? json::value(*i.end_local) : json::value(nullptr)},
                      {"due_at", i.due_at},
                      {"due_local", i.due_local},
                      {"state", state},
                      {"conflict", conflict}};
}

Response get_week(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db, "week");
  const Week week = read_week(call, tx);
  std::map<std::pair<std::string, std::string>, const CapacityDay*> capacity;  // (day, resource)
  for (const CapacityDay& d : week.capacity) capacity[{d.day, d.resource}] = &d;
  json::array days, slipped, conflicts;
  for (const CapacityDay& d : week.capacity) {
    if (d.conflict()) conflicts.push_back(day_json(d));
    if (d.resource != kResources[0]) continue;  // one entry per day
    json::array items, places;
    for (const WeekItem& i : week.items) {
      if (i.start_day > d.day || i.end_day < d.day) continue;
      const auto resource = resource_of(*workflows::parse_plan_kind(i.kind));
      const bool conflict = resource && capacity.count({d.day, *resource}) && capacity[{d.day, *resource}]->conflict();
      items.push_back(item_json(i, state_of(i, d.day), conflict));
    }
    for (const std::string_view r : kResources) {
      const CapacityDay* c = capacity[{d.day, std::string(r)}];
      places.push_back(json::object{{"resource", r},
                                    {"places", c->places ? json::value(*c->places) : json::value(nullptr)},
                                    {"booked", c->bookings.size()},
                                    {"conflict", c->conflict()}});
    }
    days.push_back(json::object{{"date", d.day},
                                {"weekday", kWeekdays[weekday_of(d.day)]},
                                {"items", std::move(items)},
                                {"capacity", std::move(places)}});
  }
  for (const WeekItem& i : week.items) {
    if (i.slipped) slipped.push_back(item_json(i, "slipped", false));
  }
  return call.json(200, json::object{{"site", week.site},
                                     {"time_zone", week.time_zone},
                                     {"now", week.now},
                                     {"start", week.start},
                                     {"end", week.end},
                                     {"days", std::move(days)},
                                     {"slipped", std::move(slipped)},
                                     {"conflicts", std::move(conflicts)}});
}

Response get_week_ics(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db, "week");
  const Week week = read_week(call, tx);
  std::vector<CalendarEvent> events;
  for (const WeekItem& i : week.items) {
    if (i.end_day < week.start || i.start_day > week.end) continue;  // slipped from an earlier week
    CalendarEvent e;
    e.uid = i.coi + "-" + i.kind + "@celljourney";
    e.summary = i.initials + " · " + i.product + " · " + i.kind;
    e.description = std::string("COI ") + i.coi + "; step " +
                    std::string(workflows::plan_kind_step(*workflows::parse_plan_kind(i.kind))) + " due " + i.due_at +
                    (i.done      ? "; done"
                     : i.slipped ? "; SLIPPED"
                                 : "") +
                    "; times in " + week.time_zone + ": " + i.start_local +
                    (i.end_local ? " to " + *i.end_local : std::string());
    e.start = *workflows::parse_time(i.start);
    if (i.end) e.end = workflows::parse_time(*i.end);
    events.push_back(std::move(e));
  }
  const std::string name = "CellJourney " + week.site + " week of " + week.start;
  Response response = api::content_response("text/calendar; charset=utf-8",
                                            write_calendar(name, events, *workflows::parse_time(week.now)));
  response.set_header("Content-Disposition", "attachment; filename=\"" + week.site + "-" + week.start + ".ics\"");
  return response;
}

}  // namespace

std::vector<api::Route> site_schedule_routes() {
  api::Access planners;
  planners.roles = {api::Role::kCoordinator, api::Role::kAdmin};
  const api::Access site_people;  // any user with a role at the site (site_for)
  return {
      {"PUT", "/api/v1/sites/{code}/capacity", planners, &put_capacity,
       [](const Call& c) { read_capacity_request(c); }},
      {"GET", "/api/v1/sites/{code}/capacity", site_people, &get_capacity, [](const Call& c) { read_range(c); }},
      {"GET", "/api/v1/sites/{code}/week", site_people, &get_week, [](const Call& c) { date_param(c, "start"); }},
      {"GET", "/api/v1/sites/{code}/week.ics", site_people, &get_week_ics,
       [](const Call& c) { date_param(c, "start"); }},
  };
}

}  // namespace cj::schedule
