#include "server/board/projection.h"

#include <algorithm>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "server/db/statement.h"
#include "server/journal/append_event.h"
#include "server/journal/load_journey.h"
#include "server/feed/feed_notice.h"
#include "server/rules/definition_cache.h"
#include "server/rules/journey_deadlines.h"
#include "workflows/bag_status.h"
#include "workflows/custody.h"
#include "workflows/journey_model.h"
#include "workflows/journey_status.h"
#include "workflows/json_io.h"

namespace cj::board {

namespace json = boost::json;

namespace {

constexpr db::Statement kUpsert{
    "board_projection_upsert",
    "INSERT INTO board_rows AS b (journey_id, site_id, product, status, stage_index, stage_step, stage_since, rules_ok,"
    " next_step, due_by, next_steps, deviations_open, deviation_codes, last_event_id, last_event_at, updated_at,"
    " hold, bags, clocks, severe_open, stages_done, planned_at, planned_kind, planned_step)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10::timestamptz, $11::jsonb, $12,"
    " ARRAY(SELECT jsonb_array_elements_text($13::jsonb)), $14::bigint, $15::timestamptz, now(),"
    " $16::jsonb, $17::jsonb, $18::jsonb, $19, $20, $21::timestamptz, $22, $23)"
    " ON CONFLICT (journey_id) DO UPDATE SET site_id = EXCLUDED.site_id, product = EXCLUDED.product,"
    " status = EXCLUDED.status, stage_index = EXCLUDED.stage_index, stage_step = EXCLUDED.stage_step,"
    " stage_since = EXCLUDED.stage_since, rules_ok = EXCLUDED.rules_ok, next_step = EXCLUDED.next_step,"
    " due_by = EXCLUDED.due_by, next_steps = EXCLUDED.next_steps, deviations_open = EXCLUDED.deviations_open,"
    " deviation_codes = EXCLUDED.deviation_codes, last_event_id = EXCLUDED.last_event_id,"
    " last_event_at = EXCLUDED.last_event_at, updated_at = now(), hold = EXCLUDED.hold, bags = EXCLUDED.bags,"
    " clocks = EXCLUDED.clocks, severe_open = EXCLUDED.severe_open, stages_done = EXCLUDED.stages_done,"
    " planned_at = EXCLUDED.planned_at, planned_kind = EXCLUDED.planned_kind, planned_step = EXCLUDED.planned_step"
    " RETURNING iso_utc(b.stage_since), iso_utc(b.due_by), iso_utc(b.updated_at),"
    " (SELECT code FROM sites WHERE id = b.site_id)"};
// journeys.status follows the journey's events (the sweeper, the list's status filter and the
// site-rules check read it); written only when it changes.
constexpr db::Statement kJourneyStatus{"board_projection_journey_status",
                                       "UPDATE journeys SET status = $2 WHERE id = $1 AND status <> $2"};
constexpr db::Statement kMissing{
    "board_projection_missing",
    "SELECT j.id FROM journeys j WHERE NOT EXISTS (SELECT 1 FROM board_rows b WHERE b.journey_id = j.id) ORDER BY j.id"};

constexpr db::Statement kShowsOther{
    "board_projection_shows_other",
    "SELECT NOT EXISTS (SELECT 1 FROM board_rows WHERE journey_id = $1 AND rules_ok = $2 AND next_steps = $3::jsonb)"};
constexpr db::Statement kJourneyId{"board_projection_journey_id", "SELECT id FROM journeys WHERE coi = $1"};

const char* or_null(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

// The stage its accepted events reached (a refusal moves nothing).
workflows::Stage stage_reached(const journal::LoadedJourney& journey) {
  workflows::Stage stage;
  for (const journal::StoredEvent& e : journey.events) {
    if (e.accepted) stage.advance(workflows::core_journey_model(), e.event);
  }
  return stage;
}

// The core stages that happened, one bit each: the progress line marks only these, so a stage
// passed over (a journey that starts at receipt, say) is not drawn as done.
int stages_done(const journal::LoadedJourney& journey) {
  int done = 0;
  for (const journal::StoredEvent& e : journey.events) {
    const int stage = e.accepted ? workflows::core_journey_model().stage_of(e.event.step) : 0;
    if (stage > 0 && stage <= 30) done |= 1 << (stage - 1);
  }
  return done;
}

// Holds, returns and disposals from the accepted events when the product's rules do not load
// (rules_ok false): a product.receive is then taken as the receipt that readmits.
workflows::Custody custody_without_rules(const journal::LoadedJourney& journey) {
  workflows::Custody custody;
  for (const journal::StoredEvent& e : journey.events) {
    if (!e.accepted) continue;
    workflows::RecordedEvent recorded;
    recorded.event_id = e.id;
    recorded.event = e.event;
    recorded.units = e.units;
    custody.apply(recorded, e.event.step == "product.receive");
  }
  return custody;
}

json::object expected_json(const workflows::Expectation& expected) {
  json::object step{{"step", expected.step}};
  if (expected.due_by) step["due_by"] = workflows::format_time(*expected.due_by);
  return step;
}

// The expected steps from the journey's deadlines; none known (rules_ok false) without a report
// (the site's rules do not load the product). Sets nothing_open when no step is left open.
void set_deadlines(const std::optional<workflows::DeadlineReport>& report, BoardRow& row, bool& nothing_open) {
  nothing_open = false;
  if (!report) {  // unknown until the site's rules load the product again
    row.rules_ok = false;
    return;
  }
  nothing_open = report->open.empty();
  const auto expected_steps = workflows::next_steps(report->open);
  const workflows::Expectation* most_urgent = nullptr;  // the soonest due; the first when none is
  for (const auto& expected : expected_steps) {
    row.next_steps.push_back(expected_json(expected));
    if (!most_urgent || (expected.due_by && (!most_urgent->due_by || *expected.due_by < *most_urgent->due_by))) {
      most_urgent = &expected;
    }
  }
  if (most_urgent) {
    row.next_step = most_urgent->step;
    if (most_urgent->due_by) row.due_by = workflows::format_time(*most_urgent->due_by);
  }
}

// Computes the row from the journey and its deadlines report, upserts it and notifies the feed:
// the part both refreshes share, so that they cannot compute different rows.
BoardRow write_row(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                   const std::optional<workflows::DeadlineReport>& report, const workflows::Definition* definition,
                   const workflows::History* history) {
  BoardRow row;
  row.journey_id = journey.journey.id;
  row.coi = journey.journey.coi;
  row.site_id = journey.journey.site_id;
  row.product = journey.journey.product;
  const workflows::Stage stage = stage_reached(journey);
  row.stage_index = stage.index;
  row.stage_step = stage.step;
  row.stages_done = stages_done(journey);
  row.stage_since = stage.since ? workflows::format_time(*stage.since) : journey.journey.created_at;
  bool nothing_open = false;
  set_deadlines(report, row, nothing_open);
  workflows::JourneyStanding standing;
  if (definition != nullptr && history != nullptr) {
    standing = workflows::journey_standing(*definition, *history, journal::context_of(journey));
  } else {
    standing.custody = custody_without_rules(journey);
  }
  if (standing.custody.journey_hold) row.hold = workflows::to_json(*standing.custody.journey_hold);
  for (const auto& bag : standing.bags) row.bags.push_back(workflows::to_json(bag));
  if (report) {
    for (const auto& clock : report->clocks) row.clocks.push_back(workflows::to_json(clock));
  }
  row.status =
      workflows::status_name(workflows::journey_status(workflows::core_journey_model(), standing, stage, nothing_open));
  for (const journal::StoredDeviation& d : journey.open_deviations) {
    ++row.deviations_open;
    if (d.severity == "critical" || d.severity == "major") ++row.severe_open;
    if (std::find(row.deviation_codes.begin(), row.deviation_codes.end(), d.code) == row.deviation_codes.end()) {
      row.deviation_codes.push_back(d.code);
    }
  }
  std::optional<std::string> last_event_at;
  if (!journey.events.empty()) {
    row.last_event_id = journey.events.back().id;
    last_event_at = journey.events.back().recorded_at;
  }
  row.next_planned = next_planned(tx, row.journey_id);
  const PlannedItem* planned = row.next_planned ? &*row.next_planned : nullptr;
  json::array codes(row.deviation_codes.begin(), row.deviation_codes.end());
  const std::optional<std::string> last_id =
      row.last_event_id ? std::optional<std::string>(std::to_string(*row.last_event_id)) : std::nullopt;
  const auto written = db::exec1(
      tx, kUpsert, row.journey_id, row.site_id, row.product, row.status, row.stage_index,
      row.stage_step.empty() ? nullptr : row.stage_step.c_str(), row.stage_since, row.rules_ok, or_null(row.next_step),
      or_null(row.due_by), json::serialize(row.next_steps), row.deviations_open, json::serialize(codes),
      or_null(last_id), or_null(last_event_at),
      row.hold ? std::optional<std::string>(json::serialize(*row.hold)) : std::nullopt, json::serialize(row.bags),
      json::serialize(row.clocks), row.severe_open, row.stages_done, planned ? planned->at.c_str() : nullptr,
      planned ? planned->kind.c_str() : nullptr, planned ? planned->step.c_str() : nullptr);
  db::exec(tx, kJourneyStatus, row.journey_id, row.status);
  row.stage_since = written[0].as<std::string>();
  if (!written[1].is_null()) row.due_by = written[1].as<std::string>();
  row.updated_at = written[2].as<std::string>();
  row.site = written[3].as<std::string>();
  feed::notify_feed(tx, json::serialize(row_notice(row)));
  return row;
}

}  // namespace

BoardRow refresh(pqxx::transaction_base& tx, std::int64_t journey_id) {
  if (!journal::lock_journey(tx, journey_id).ok())
    throw std::runtime_error("board: no journey " + std::to_string(journey_id));
  auto loaded = journal::load_journey(tx, journey_id);
  if (!loaded.ok())
    throw std::runtime_error("board: loading journey " + std::to_string(journey_id) + ": " +
                             loaded.error().to_string());
  const auto deadlines = rules::deadlines_of(tx, *loaded, base::now_seconds());
  if (!deadlines.ok()) return write_row(tx, *loaded, std::nullopt, nullptr, nullptr);
  const workflows::History history = journal::history(*loaded, deadlines.rules->definition);
  return write_row(tx, *loaded, deadlines.report, &deadlines.rules->definition, &history);
}

BoardRow refresh_loaded(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                        const rules::LoadedRules& rules, const workflows::History& history) {
  // What rules::deadlines_of() computes, on the history and rules the caller already has.
  const workflows::Context context = journal::context_of(journey);
  return write_row(tx, journey, workflows::sweep_deadlines(rules.definition, history, context, base::now_seconds()),
                   &rules.definition, &history);
}

BoardRow refresh(pqxx::transaction_base& tx, const std::string& coi) {
  const auto rows = db::exec(tx, kJourneyId, coi);
  if (rows.empty()) throw std::runtime_error("board: no journey " + coi);
  return refresh(tx, rows[0][0].as<std::int64_t>());
}

bool shows_other_deadlines(pqxx::transaction_base& tx, std::int64_t journey_id, const rules::JourneyDeadlines& now) {
  json::array next_steps;
  if (now.ok()) {
    for (const auto& expected : workflows::next_steps(now.report->open)) next_steps.push_back(expected_json(expected));
  }
  return db::exec1(tx, kShowsOther, journey_id, now.ok(), json::serialize(next_steps))[0].as<bool>();
}

std::size_t fill_missing(pqxx::connection_base& conn) {
  std::vector<std::int64_t> ids;
  {
    pqxx::read_transaction tx(conn, "board rows missing");
    for (const auto& r : db::exec(tx, kMissing)) ids.push_back(r[0].as<std::int64_t>());
  }
  for (const std::int64_t id : ids) {
    pqxx::work tx(conn, "board row fill");
    refresh(tx, id);
    tx.commit();
  }
  if (!ids.empty()) spdlog::info("board: {} journeys' rows computed from their journals", ids.size());
  return ids.size();
}

namespace {

// [1, 2, 5]: the stages whose bits are set in `done`.
json::array done_list(int done) {
  json::array stages;
  for (int stage = 1; stage <= 30; ++stage) {
    if ((done & (1 << (stage - 1))) != 0) stages.emplace_back(stage);
  }
  return stages;
}

}  // namespace

json::object row_fields(const BoardRow& row) {
  json::object o{{"coi", row.coi},
                 {"site", row.site},
                 {"product", row.product},
                 {"status", row.status},
                 {"stage_since", row.stage_since}};
  o["stage"] = json::object{{"step", row.stage_step.empty() ? json::value(nullptr) : json::value(row.stage_step)},
                            {"index", row.stage_index},
                            {"of", workflows::core_journey_model().stage_count()},
                            {"done", done_list(row.stages_done)}};
  if (!row.rules_ok) {
    o["next"] = nullptr;  // unknown: the site's rules do not load the product
  } else if (row.next_step) {
    json::object next{{"step", *row.next_step}};
    next["due_by"] = row.due_by ? json::value(*row.due_by) : json::value(nullptr);
    o["next"] = std::move(next);
  } else {
    o["next"] = nullptr;
  }
  o["next_steps"] = row.rules_ok ? json::value(row.next_steps) : json::value(nullptr);
  o["deviations_open"] = row.deviations_open;
  o["deviations_severe"] = row.severe_open;
  o["deviation_codes"] = json::array(row.deviation_codes.begin(), row.deviation_codes.end());
  o["last_event_id"] = row.last_event_id ? json::value(*row.last_event_id) : json::value(nullptr);
  o["updated_at"] = row.updated_at;
  o["hold"] = row.hold ? json::value(*row.hold) : json::value(nullptr);
  o["bags"] = row.bags;
  o["clocks"] = row.clocks;
  if (row.next_planned) {
    o["next_planned"] =
        json::object{{"kind", row.next_planned->kind}, {"step", row.next_planned->step}, {"at", row.next_planned->at}};
  } else {
    o["next_planned"] = nullptr;
  }
  return o;
}

json::object row_notice(const BoardRow& row) {
  return {{"type", "board"}, {"site_id", row.site_id}, {"journey", row.coi}, {"row", row_fields(row)}};
}

}  // namespace cj::board
