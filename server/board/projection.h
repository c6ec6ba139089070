// The board's projection: one row per journey (board_rows, migration 0006) holding what the
// coordinator board shows, kept in step with the journal.
//
//   pqxx::work tx{conn};
//   ... journal::append_event(tx, ...) / raise_overdue / deviations::close ...
//   board::refresh(tx, journey_id);   // same transaction: the row commits with the change
//   tx.commit();
//
// refresh() recomputes the row from the journey as it stands in tx (its accepted events, its
// open deviations, its deadlines with its site's rules) and upserts it, so it is right however
// many changes came before it; then it NOTIFYs the live feed with the row (a "board" notice,
// delivered at commit: see row_notice()). Called by every writer of what the row shows:
// scans/record_step (events, accepted or refused: refresh_loaded(), from the history it has
// just decided on, so a scan reads its journey once), journeys/create_journey, the sweeper
// (OVERDUE, and rows whose deadlines new site rules changed: shows_other_deadlines()),
// deviations/ (close; an acknowledgement changes nothing the row shows). A row missing (a
// database from before 0006) is filled by fill_missing() when the server starts.
//
// Statuses the row derives from the journal (workflows/journey_status.h), written to
// journeys.status too in the same transaction (the list's status filter, the sweeper and the
// site-rules check read it there):
// disposed (a dispose of the whole product, or of every bag), returned (likewise a return, with
// no receipt since), completed (the 13th core step recorded and nothing left open), on_hold (a
// hold of the journey not yet released: a hold stops the journey, not its clocks), active
// otherwise. The board shows active and on_hold journeys. The row also shows the journey's hold,
// every bag (dose, state, own hold: workflows/bag_status.h) and every running clock
// (workflows/clocks.h).
//
// One transaction, one thread. Database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "workflows/event.h"

#include "server/board/next_planned.h"

namespace pqxx {
class connection_base;
class transaction_base;
}  // namespace pqxx

namespace cj::journal {
struct LoadedJourney;
}  // namespace cj::journal

namespace cj::rules {
struct JourneyDeadlines;
struct LoadedRules;
}  // namespace cj::rules

namespace cj::board {

/// One journey's row as refresh() wrote it (times as "2026-11-25T10:00:00Z").
struct BoardRow {
  std::int64_t journey_id = 0;
  std::string coi;
  std::int64_t site_id = 0;
  std::string site;  // code
  std::string product;
  std::string status;       // active, on_hold, completed, returned, disposed
  int stage_index = 0;      // the stage reached (workflows::Stage); 0: no core step recorded yet
  std::string stage_step;   // empty at 0
  std::string stage_since;  // when the stage was reached (the journey's creation at 0)
  bool rules_ok = true;
  std::optional<std::string> next_step, due_by;
  boost::json::array next_steps;  // [{"step", "due_by"?}], every expected step
  int deviations_open = 0;
  int severe_open = 0;                       // of those, critical or major
  std::vector<std::string> deviation_codes;  // distinct, in the order raised
  int stages_done = 0;                       // bit N-1: stage N has an accepted event
  std::optional<std::int64_t> last_event_id;
  std::string updated_at;
  std::optional<boost::json::object> hold;  // the journey's hold: {"reason", "since", "event_id"}
  boost::json::array bags;                  // [{"unit", "kind", "dose", "colour", "state", "hold"}]
  boost::json::array
      clocks;  // [{"step", "unit", "rule", "from", "anchor_missing", "missing_step", "started_at", "due_by"}]
  std::optional<PlannedItem> next_planned;  // next_planned.h
};

/// Recomputes and writes the journey's row, and tells the feed. Takes the journey's append lock
/// first (journal::lock_journey; already held by the writers of events), so that two
/// transactions changing one journey write its row one after the other, each from what the
/// other committed: the row is never computed from a history older than the one it replaces.
/// REQUIRES the journey exists (throws std::runtime_error otherwise).
BoardRow refresh(pqxx::transaction_base& tx, std::int64_t journey_id);
/// The same, by COI.
BoardRow refresh(pqxx::transaction_base& tx, const std::string& coi);

/// The same row, written and notified the same way, from what a writer of an event already
/// holds instead of reading the journey again (scans/record_step: one read of the history per
/// scan, not two). `journey` is the journey as it stands in tx (loaded under its lock, then
/// journal::add_appended() for what tx appended since), `rules` the definition of its product
/// with its site's rules (rules::site_definition() in tx, ok()), `history` is
/// journal::history(journey, rules.definition) (the one the engine decided on, plus the event
/// appended when accepted: workflows::record()). Reads nothing more than the row's upsert does.
/// REQUIRES the journey's lock is held (journal::lock_journey).
BoardRow refresh_loaded(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                        const rules::LoadedRules& rules, const workflows::History& history);

/// True when the journey's row does not show these deadlines (the rules loading or not, and the
/// expected steps with their due times): the site's rules changed since the row was written.
/// The sweeper, which computes every open journey's deadlines with the current rules each
/// period, then refresh()es the row: a rules change reaches the board within one sweep.
bool shows_other_deadlines(pqxx::transaction_base& tx, std::int64_t journey_id, const rules::JourneyDeadlines& now);

/// Writes the rows of journeys that have none (each in its own transaction); returns how many.
std::size_t fill_missing(pqxx::connection_base& conn);

/// The feed notice of a row: {"type": "board", "site_id", "journey", "row": {the board row of
/// GET /api/v1/board without "patient" and "overdue"}}. No patient identifiers: every subscriber
/// of the site receives it, whatever their role.
boost::json::object row_notice(const BoardRow& row);

/// The row's board fields shared by the API and the notice: coi, site, product, status, stage
/// ({step, index, of, done: the stages that happened}), stage_since, next, deviations_open,
/// deviations_severe (critical or major), deviation_codes, last_event_id, updated_at, hold,
/// bags, clocks.
boost::json::object row_fields(const BoardRow& row);

}  // namespace cj::board
