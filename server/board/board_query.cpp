#include "server/board/board_query.h"

#include <algorithm>
#include <regex>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/db/statement.h"
#include "server/journal/manufacturer_ids.h"

namespace cj::board {

namespace json = boost::json;

namespace {

// Every filter is on board_rows alone (the site code and the COI are resolved to ids first), so
// that the count is an index-only scan of the site index and the page an ordered scan of an
// urgency index; the joins only fetch the shown page's COI, site code and patient.
// $1 sites, $2 product, $3 stage index, $4 overdue, $5 journey ids (the COI's, or those holding
// a manufacturer's identifier).
#define CJ_BOARD_WHERE                                                                        \
  " WHERE b.status IN ('active', 'on_hold') AND b.site_id = ANY($1::bigint[])"                \
  " AND ($2::text IS NULL OR b.product = $2) AND ($3::integer IS NULL OR b.stage_index = $3)" \
  " AND ($4::boolean IS NULL OR (b.sort_due < now()) = $4) AND ($5::bigint[] IS NULL OR b.journey_id = ANY($5::bigint[]))"

// The urgency tier of a row: overdue, then open critical or major deviations, then the rest;
// within a tier the soonest due time first. It depends on now(), so no index holds this order:
// the page is a top-N sort of the matching rows (a few ms at 10,000 rows; docs/performance.md).
#define CJ_BOARD_TIER " (CASE WHEN b.sort_due < now() THEN 0 WHEN b.severe_open > 0 THEN 1 ELSE 2 END)"
// Within a tier: the nearest of the due time and the next planned date (an overdue row: its
// clock's due time); a plan that slipped comes first in its tier, as what needs doing now.
#define CJ_BOARD_AT \
  " (CASE WHEN b.sort_due < now() THEN b.sort_due ELSE least(b.sort_due, coalesce(b.planned_at, 'infinity')) END)"

constexpr db::Statement kPage{
    "board_query_page",
    "SELECT j.coi, s.code, b.product, b.status, b.stage_index, b.stage_step, iso_utc(b.stage_since), b.rules_ok,"
    " b.next_step, iso_utc(b.due_by), b.next_steps::text, b.deviations_open, array_to_json(b.deviation_codes)::text,"
    " b.last_event_id, iso_utc(b.updated_at), p.initials, p.mrn, b.site_id, b.journey_id, b.sort_due < now(),"
    " CASE WHEN" CJ_BOARD_AT
    " = 'infinity' THEN 'infinity'"
    "  ELSE to_char(" CJ_BOARD_AT
    " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END,"
    " b.hold::text, b.bags::text, b.clocks::text, p.date_of_birth::text, b.severe_open, b.stages_done," CJ_BOARD_TIER
    ","
    " iso_utc(b.planned_at), b.planned_kind, b.planned_step"
    " FROM board_rows b JOIN journeys j ON j.id = b.journey_id JOIN sites s ON s.id = b.site_id"
    " JOIN patients p ON p.id = j.patient_id" CJ_BOARD_WHERE " AND ($6::integer IS NULL OR (" CJ_BOARD_TIER
    "," CJ_BOARD_AT
    ", -b.journey_id) > ($6::integer, $7::timestamptz, -$8::bigint))"
    " ORDER BY" CJ_BOARD_TIER "," CJ_BOARD_AT ", -b.journey_id LIMIT $9"};
constexpr db::Statement kCount{"board_query_count", "SELECT count(*), iso_utc(now()) FROM board_rows b" CJ_BOARD_WHERE};

#undef CJ_BOARD_WHERE
#undef CJ_BOARD_TIER
#undef CJ_BOARD_AT

constexpr db::Statement kSiteId{"board_query_site_id", "SELECT id FROM sites WHERE code = $1"};
constexpr db::Statement kJourneyId{"board_query_journey_id", "SELECT id FROM journeys WHERE coi = $1"};

// A generic plan (what PostgreSQL switches a prepared statement to after five runs) keeps every
// "$n IS NULL OR ..." and misjudges them: it measured 95 ms for a first page of 10,000 rows that
// a plan made for the actual values (the NULL filters folded away) reads in under 10 ms. So
// the board's statements are planned for each call's values (~1 ms of planning).
constexpr db::Statement kCustomPlans{"board_query_custom_plans", "SET LOCAL plan_cache_mode = force_custom_plan"};

const char* or_null(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

}  // namespace

bool valid_cursor(const std::string& text) {
  static const std::regex kCursor(R"([012]/(infinity|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)/\d{1,18})");
  return std::regex_match(text, kCursor);
}

BoardPage read_board(pqxx::transaction_base& tx, const BoardFilter& f) {
  db::exec(tx, kCustomPlans);
  std::vector<std::int64_t> site_ids = f.site_ids;
  if (f.site) {  // a site the caller holds no role at, or none: nothing
    const auto found = db::exec(tx, kSiteId, *f.site);
    const std::int64_t id = found.empty() ? 0 : found[0][0].as<std::int64_t>();
    site_ids.assign(std::count(f.site_ids.begin(), f.site_ids.end(), id) > 0 ? 1 : 0, id);
  }
  std::optional<std::string> journey_id;  // a bigint[] literal
  if (f.coi || f.identifier) {
    std::vector<std::int64_t> ids;
    if (f.identifier) ids = journal::journeys_with_identifier(tx, *f.identifier);
    if (f.coi) {
      const auto found = db::exec(tx, kJourneyId, *f.coi);
      const std::int64_t id = found.empty() ? 0 : found[0][0].as<std::int64_t>();  // 0: no journey has it
      if (f.identifier) {
        ids.assign(std::count(ids.begin(), ids.end(), id) > 0 ? 1 : 0, id);
      } else {
        ids = {id};
      }
    }
    journey_id = admin::id_array(ids);
  }
  const std::string sites = admin::id_array(site_ids);
  const std::optional<std::string> stage =
      f.stage_index ? std::optional<std::string>(std::to_string(*f.stage_index)) : std::nullopt;
  const std::optional<std::string> overdue =
      f.overdue ? std::optional<std::string>(*f.overdue ? "true" : "false") : std::nullopt;
  std::optional<std::string> after_tier, after_due, after_id;
  if (f.after) {  // "<tier>/<sort_due>/<journey id>"
    const auto first = f.after->find('/'), last = f.after->rfind('/');
    after_tier = f.after->substr(0, first);
    after_due = f.after->substr(first + 1, last - first - 1);
    after_id = f.after->substr(last + 1);
  }

  BoardPage page;
  const auto counted =
      db::exec1(tx, kCount, sites, or_null(f.product), or_null(stage), or_null(overdue), or_null(journey_id));
  page.total = counted[0].as<std::int64_t>();
  page.now = counted[1].as<std::string>();

  const auto rows =
      db::exec(tx, kPage, sites, or_null(f.product), or_null(stage), or_null(overdue), or_null(journey_id),
               or_null(after_tier), or_null(after_due), or_null(after_id), f.limit + 1);
  for (const auto& r : rows) {
    if (static_cast<int>(page.entries.size()) == f.limit) {  // one more than a page: there is a next
      const auto& last = rows[static_cast<pqxx::result::size_type>(f.limit - 1)];
      page.next_cursor =
          last[27].as<std::string>() + "/" + last[20].as<std::string>() + "/" + last[18].as<std::string>();
      break;
    }
    BoardEntry e;
    BoardRow& row = e.row;
    row.coi = r[0].as<std::string>();
    row.site = r[1].as<std::string>();
    row.product = r[2].as<std::string>();
    row.status = r[3].as<std::string>();
    row.stage_index = r[4].as<int>();
    row.stage_step = text(r[5]).value_or("");
    row.stage_since = r[6].as<std::string>();
    row.rules_ok = r[7].as<bool>();
    row.next_step = text(r[8]);
    row.due_by = text(r[9]);
    row.next_steps = json::parse(r[10].as<std::string>()).as_array();
    row.deviations_open = r[11].as<int>();
    row.severe_open = r[25].as<int>();
    row.stages_done = r[26].as<int>();
    const json::value codes = json::parse(r[12].as<std::string>());  // kept alive for the loop
    for (const auto& code : codes.as_array()) {
      row.deviation_codes.emplace_back(code.as_string());
    }
    if (!r[13].is_null()) row.last_event_id = r[13].as<std::int64_t>();
    row.updated_at = r[14].as<std::string>();
    e.initials = r[15].as<std::string>();
    e.mrn = r[16].as<std::string>();
    if (!r[24].is_null()) e.date_of_birth = r[24].as<std::string>();
    row.site_id = r[17].as<std::int64_t>();
    row.journey_id = r[18].as<std::int64_t>();
    e.overdue = r[19].as<bool>();
    if (!r[21].is_null()) row.hold = json::parse(r[21].as<std::string>()).as_object();
    row.bags = json::parse(r[22].as<std::string>()).as_array();
    row.clocks = json::parse(r[23].as<std::string>()).as_array();
    if (!r[28].is_null()) {
      row.next_planned = PlannedItem{r[29].as<std::string>(), r[30].as<std::string>(), r[28].as<std::string>()};
    }
    page.entries.push_back(std::move(e));
  }
  return page;
}

}  // namespace cj::board
