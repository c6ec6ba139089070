// One journey's registry record: the time points and intervals of docs/export.md, the
// manufacturing outcome and the deviations by code, computed from the events that count
// (journey_facts.h). The intervals are workflows::derive_time_points()'s, so that the export,
// the journey page and the workflows never disagree on what "vein to vein" means.
//
//   RegistryRow row = registry_row(&definition, facts);
//   row.intervals.vein_to_vein  // nullopt until both events are recorded: empty, never 0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/exports/journey_facts.h"
#include "workflows/definition.h"
#include "workflows/time_points.h"

namespace cj::exports {

struct RegistryRow {
  std::string coi, product, site, status;
  // The manufacturer's identifiers (JourneyFacts::identifiers): the registry matches its own
  // records to the manufacturer's by them.
  std::map<std::string, std::string> identifiers;

  // Time points (occurred_at of the named event).
  std::optional<workflows::TimePoint> order;                  // first order
  std::optional<workflows::TimePoint> ld_end;                 // last lymphodepletion.end
  std::optional<workflows::TimePoint> apheresis_first_end;    // first apheresis.collect
  std::optional<workflows::TimePoint> apheresis_last_end;     // last apheresis.collect
  std::optional<workflows::TimePoint> manufacturing_receive;  // first manufacturing.receive
  std::optional<workflows::TimePoint> manufacturing_start;    // first manufacturing.start
  std::optional<workflows::TimePoint> release;                // last manufacturing.release
  std::optional<workflows::TimePoint> product_receive;        // first product.receive
  std::optional<workflows::TimePoint> first_thaw;             // first product.thaw
  std::optional<workflows::TimePoint> first_infusion_start;   // first infusion.start
  std::optional<workflows::TimePoint> last_infusion_end;      // last infusion.end
  int apheresis_sessions = 0;                                 // apheresis.collect events
  int bags_infused = 0;                                       // units named by infusion.end events

  // Intervals: derive_time_points(); all nullopt when the journey's rules did not load.
  workflows::TimePoints intervals;
  // The longest thaw-to-infusion-end over the bags (the one a product limit is checked on).
  std::optional<workflows::Duration> thaw_to_infusion_end_max;

  // Manufacturing outcome.
  bool oos_release = false;                    // a manufacturing.release recorded out_of_specification: true
  std::optional<bool> oos_physician_releases;  // the physician's decision on it, when recorded
  // No conforming product came back: the physician declined an OOS product, or the journey was
  // disposed of or returned after the manufacturer received it and before the cell lab did.
  bool manufacturing_failed = false;

  std::map<std::string, int> deviations_by_code;  // every deviation raised, any status
  int deviations_total = 0;

  std::vector<std::string> apheresis_dins;  // DINs (13 characters, no data identifier)
  std::vector<std::string> product_dins;    // final product bags, cassettes, vials
};

/// REQUIRES facts.events were recorded under definition when it is not null; null (the site's
/// rules no longer load the product) leaves the intervals empty.
RegistryRow registry_row(const workflows::Definition* definition, const JourneyFacts& facts);

}  // namespace cj::exports
