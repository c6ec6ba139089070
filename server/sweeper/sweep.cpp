#include "server/sweeper/sweep.h"

#include <cstdint>
#include <vector>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/board/projection.h"
#include "server/db/statement.h"
#include "server/deviations/deviation_store.h"
#include "server/journal/append_event.h"
#include "server/journal/deviations.h"
#include "server/journal/load_journey.h"
#include "server/rules/journey_deadlines.h"

namespace cj::sweeper {

namespace {

constexpr db::Statement kJourneys{"sweeper_open_journeys",
                                  "SELECT id FROM journeys WHERE status IN ('active', 'on_hold') ORDER BY id"};
constexpr db::Statement kLockJourney{"sweeper_try_lock_journey", "SELECT pg_try_advisory_xact_lock($1, $2)"};

// First key of the two-key advisory lock space for sweeping one journey ("CJsw"); the second
// is the journey id's low 31 bits (two journeys 2^31 ids apart share a lock: one waits a sweep).
constexpr int kLockClass = 0x434a7377;

std::vector<std::int64_t> open_journeys(pqxx::connection_base& conn) {
  pqxx::read_transaction tx(conn, "open journeys");
  std::vector<std::int64_t> ids;
  for (const auto& row : db::exec(tx, kJourneys)) {
    ids.push_back(row[0].as<std::int64_t>());
  }
  return ids;
}

void sweep_journey(pqxx::connection_base& conn, std::int64_t journey_id, workflows::TimePoint now,
                   SweepReport& report) {
  pqxx::work tx(conn, "deadline sweep");
  const int lock_key = static_cast<int>(journey_id & 0x7fffffff);
  if (!db::exec1(tx, kLockJourney, kLockClass, lock_key)[0].as<bool>()) {
    ++report.busy;
    return;
  }
  if (!journal::lock_journey(tx, journey_id).ok()) return;  // gone meanwhile
  auto loaded = journal::load_journey(tx, journey_id);
  if (!loaded.ok()) return;
  if (loaded->journey.status != "active" && loaded->journey.status != "on_hold") return;  // closed meanwhile
  const auto deadlines = rules::deadlines_of(tx, *loaded, now);
  // The board's row was written with the rules of its journey's last change; new site rules
  // reach it here (board/projection.h).
  const bool board_stale = board::shows_other_deadlines(tx, journey_id, deadlines);
  if (!deadlines.ok()) {
    ++report.rules_missing;
    spdlog::warn("sweep: journey {} ({}) skipped: {}", loaded->journey.coi, loaded->journey.product, deadlines.problem);
    if (board_stale) {
      board::refresh(tx, journey_id);
      tx.commit();
    }
    return;
  }
  ++report.checked;
  std::vector<std::int64_t> raised;
  if (!deadlines.report->overdue.empty()) {
    auto new_ones = journal::raise_overdue(tx, journey_id, *deadlines.report);
    if (!new_ones.ok()) throw std::runtime_error("raising OVERDUE: " + new_ones.error().to_string());
    raised = std::move(*new_ones);
  }
  if (raised.empty() && !board_stale) return;
  for (const std::int64_t id : raised) {
    deviations::DeviationRow row;
    row.id = id;
    row.coi = loaded->journey.coi;
    row.site_id = loaded->journey.site_id;
    row.code = "OVERDUE";
    deviations::notify_change(tx, row, "open");
  }
  board::refresh(tx, journey_id);  // the row counts the new deviations, with the current rules
  tx.commit();
  report.raised += raised.size();
  for (const std::int64_t id : raised)
    spdlog::info("sweep: deviation {} OVERDUE raised on journey {}", id, loaded->journey.coi);
}

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

SweepReport sweep_once(pqxx::connection_base& conn, workflows::TimePoint now, const std::atomic<bool>* cancel) {
  SweepReport report;
  for (const std::int64_t journey_id : open_journeys(conn)) {
    if (cancel != nullptr && cancel->load()) {
      report.cancelled = true;
      break;
    }
    try {
      sweep_journey(conn, journey_id, now, report);
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const std::exception& e) {
      ++report.failed;
      spdlog::error("sweep: journey id {} failed: {}", journey_id, e.what());
    }
  }
  return report;
}

std::string describe(const SweepReport& report) {
  std::string text = count(report.checked, "journey", "journeys") + " checked, " +
                     count(report.raised, "OVERDUE deviation", "OVERDUE deviations") + " raised";
  if (report.rules_missing > 0)
    text += ", " + std::to_string(report.rules_missing) + " skipped (site rules do not load)";
  if (report.busy > 0) text += ", " + std::to_string(report.busy) + " skipped (being swept elsewhere)";
  if (report.failed > 0) text += ", " + std::to_string(report.failed) + " failed";
  if (report.cancelled) text += ", cancelled";
  return text;
}

}  // namespace cj::sweeper
