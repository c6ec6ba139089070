// GET /api/v1/journeys?status=&product=&site=&overdue=&identifier=: the journeys of the caller's sites,
// newest first, at most 500. Not for station keys (403): a station cannot list the site's
// patients; it looks up the one journey it scans by COI (journey_view.cpp). Filters are exact; a site filter naming a
// site the caller holds no role at gives an empty list (as an unknown one does).
//
// Each open journey (active or on hold) carries its deadlines at the server's now, computed
// from its events with its site's rules (server/rules/journey_deadlines.h):
//   "next":    [{"step", "due_by"?}]: the steps expected next, each with the earliest due time
//              of its open obligations (absent when no window sets one); [] when none is open;
//   "overdue": true when an open obligation is past its due time now, the rule the deadline
//              sweeper raises OVERDUE by (so it does not wait for the next sweep, and stops once
//              the step is recorded; the deviation stays in the inbox until QA closes it).
// Both are null when the site's rules no longer load the journey's product (unknown), and
// [] / false for completed and disposed journeys. overdue=true lists the overdue journeys,
// overdue=false the others (unknown ones in neither); with it, every open journey matching the
// other filters is looked at, not only the newest 500. identifier= finds the journeys whose
// current value of one of the manufacturer's identifiers (order id, the manufacturer's COI,
// batch) is exactly that text (manufacturer_identifiers.h).
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/clock.h"
#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/db/statement.h"
#include "server/journal/load_journey.h"
#include "server/journal/manufacturer_ids.h"
#include "server/journeys/journey_json.h"
#include "server/journeys/journey_routes.h"
#include "server/rules/journey_deadlines.h"

namespace cj::journeys {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr db::Statement kJourneys{"journeys_list_journeys",
                                  "SELECT j.id, j.status FROM journeys j JOIN sites s ON s.id = j.site_id "
                                  "WHERE j.site_id = ANY($1::bigint[]) AND ($2::text IS NULL OR j.status = $2) "
                                  "AND ($3::text IS NULL OR j.product = $3) AND ($4::text IS NULL OR s.code = $4) "
                                  "AND (NOT $5 OR j.status IN ('active', 'on_hold')) "
                                  "AND ($7::bigint[] IS NULL OR j.id = ANY($7::bigint[])) "
                                  "ORDER BY j.created_at DESC, j.id DESC LIMIT $6"};

constexpr std::size_t kMaxJourneys = 500;
constexpr const char* kMaxJourneysText = "500";

const char* filter(const std::optional<std::string>& value) {
  return value && !value->empty() ? value->c_str() : nullptr;
}

// Adds "next" and "overdue" to item, the journey's.
void add_deadlines(pqxx::transaction_base& tx, std::int64_t journey_id, const std::string& status,
                   workflows::TimePoint now, json::object& item) {
  if (status != "active" && status != "on_hold") {
    item["next"] = json::array{};
    item["overdue"] = false;
    return;
  }
  auto loaded = journal::load_journey(tx, journey_id);
  if (!loaded.ok())
    throw std::runtime_error("loading journey " + std::to_string(journey_id) + ": " + loaded.error().to_string());
  const auto deadlines = rules::deadlines_of(tx, *loaded, now);
  if (!deadlines.ok()) {
    item["next"] = nullptr;
    item["overdue"] = nullptr;
    return;
  }
  json::array next;
  for (const auto& expected : workflows::next_steps(deadlines.report->open)) {
    json::object step{{"step", expected.step}};
    if (expected.due_by) step["due_by"] = workflows::format_time(*expected.due_by);
    next.push_back(std::move(step));
  }
  item["next"] = std::move(next);
  item["overdue"] = !deadlines.report->overdue.empty();
}

std::optional<bool> overdue_filter(const std::optional<std::string>& value) {
  if (!value || value->empty()) return std::nullopt;
  if (*value == "true") return true;
  if (*value == "false") return false;
  throw Failure::invalid_field("overdue", "overdue is true or false.");
}

struct ListFilter {
  std::optional<std::string> status, product, site, identifier;
  std::optional<bool> overdue;
};

ListFilter filter_of(const Call& call) {
  ListFilter f{call.query("status"), call.query("product"), call.query("site"), call.query("identifier"), std::nullopt};
  for (const auto* q : {&f.status, &f.product, &f.site, &f.identifier}) {
    if (*q && q->value().size() > 64) throw Failure::bad_request("A filter is at most 64 characters.");
  }
  f.overdue = overdue_filter(call.query("overdue"));
  return f;
}

Response list(Call& call, pqxx::connection_base& db) {
  const auto [status, product, site, identifier, overdue] = filter_of(call);
  pqxx::read_transaction tx(db);
  std::optional<std::string> with_identifier;  // the journeys holding it, as a bigint[] literal
  if (identifier && !identifier->empty())
    with_identifier = admin::id_array(journal::journeys_with_identifier(tx, *identifier));
  // With an overdue filter every candidate is looked at (an overdue one may be older than the
  // newest 500), and overdue=true needs only the open ones.
  const auto rows = db::exec(tx, kJourneys, admin::id_array(call.who().site_ids()), filter(status), filter(product),
                             filter(site), overdue == true,
                             overdue ? nullptr : kMaxJourneysText,  // LIMIT NULL: no limit
                             with_identifier ? with_identifier->c_str() : nullptr);
  const auto now = base::now_seconds();
  json::array journeys;
  for (const auto& row : rows) {
    if (journeys.size() == kMaxJourneys) break;
    const auto id = row[0].as<std::int64_t>();
    json::object item = journey_json(tx, id, call.who());
    add_deadlines(tx, id, row[1].as<std::string>(), now, item);
    if (overdue && !(item["overdue"].is_bool() && item["overdue"].as_bool() == *overdue)) continue;
    journeys.push_back(std::move(item));
  }
  return call.json(200, json::object{{"journeys", std::move(journeys)}});
}

}  // namespace

std::vector<api::Route> list_routes() {
  const api::Access site_people;  // any user, for their sites; not stations
  return {{"GET", "/api/v1/journeys", site_people, &list, [](const Call& c) { filter_of(c); }}};
}

}  // namespace cj::journeys
