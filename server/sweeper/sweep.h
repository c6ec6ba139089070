// One deadline sweep over every open journey: the OVERDUE deviations nobody scanned in time.
//
//   pqxx::connection conn{uri};
//   const sweeper::SweepReport report = sweeper::sweep_once(conn, base::now_seconds());
//
// Open journeys are those with status active or on_hold: a hold stops the journey, not the
// product's clock (a thawed bag still has to be infused in time). Completed and disposed
// journeys have no obligations left.
//
// Each journey is swept in its own transaction: a pg_try_advisory_xact_lock on the journey
// (another sweeper holding it, say a second server on the same database, is sweeping it right
// now: skip it), then its append lock (journal::lock_journey: a scan in flight finishes first),
// then workflows::sweep_deadlines() at `now` with the journey's definition for its site, then
// journal::raise_overdue() (each overdue obligation once, ever: a unique index), and for each
// new deviation a NOTIFY on the live feed (delivered at commit). A journey whose site's rules
// do not load its product is skipped and logged; a journey that fails is logged and rolled back
// alone; the sweep goes on with the next.
//
// Blocking (libpqxx): call it on a database worker or a command, never on a network thread.
// Not thread-safe per connection. Errors: pqxx::broken_connection propagates (the connection
// is gone: the caller reconnects); the list of journeys failing to read throws.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>

#include "workflows/time_point.h"

namespace pqxx {
class connection_base;
}

namespace cj::sweeper {

struct SweepReport {
  std::size_t checked = 0;        // journeys whose deadlines were swept
  std::size_t raised = 0;         // new OVERDUE deviations
  std::size_t rules_missing = 0;  // journeys skipped: their site's rules do not load the product
  std::size_t busy = 0;           // journeys skipped: being swept by another sweeper right now
  std::size_t failed = 0;         // journeys whose sweep failed (logged, rolled back)
  bool cancelled = false;         // stopped early on request
};

/// Sweeps every open journey at `now`. cancel: when it becomes true, the sweep stops before
/// the next journey (a server stopping).
SweepReport sweep_once(pqxx::connection_base& conn, workflows::TimePoint now,
                       const std::atomic<bool>* cancel = nullptr);

/// "3 journeys checked, 1 OVERDUE deviation raised" (+ the skipped and failed, when any).
std::string describe(const SweepReport& report);

}  // namespace cj::sweeper
