// The quality figures a centre reports (docs/quality.md, "Quality figures"): how many
// deviations and near misses, per product, site, code and month; and how long the journey's
// stretches took, per product and site, as median and spread:
//
//   vein_to_vein              last apheresis.collect   -> first infusion.start
//   manufacturing_turnaround  first manufacturing.receive -> last manufacturing.release
//   thaw_to_infusion          last product.thaw before  -> first infusion.start
//
// The stretches are the registry export's (workflows/time_points.h), over the events that
// count (accepted, not corrected away), by when they happened (occurred_at); a journey counts in
// the period its stretch ended in. Values, no SQL: figures_store.h reads them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cj::quality {

/// What to count: a period (UTC times usable as ::timestamptz, from <= t < until), optionally one
/// site (a code) and one product, within the sites the caller may see.
struct FigureQuery {
  std::string from, until;
  std::string site;     // "" for every visible site
  std::string product;  // "" for every product
  std::vector<std::int64_t> site_ids;
};

struct DeviationCount {
  std::string month;     // "2026-11" (UTC)
  std::string product;   // "kymriah"
  std::string site;      // its code
  std::string kind;      // "deviation" or "near_miss"
  std::string code;      // "TEMP_EXCURSION", "COI_MISMATCH"...
  std::string severity;  // "minor", "major", "critical" (near misses: "critical")
  std::int64_t count = 0;
};

/// Which event of a step a stretch takes (as workflows::derive_time_points() does, so that the
/// figures and the registry export agree): the first, the last, or the last at or before the
/// stretch's end (the thaw of the bag being infused, not a later bag's).
enum class Pick : std::uint8_t { kFirst, kLast, kLastBeforeEnd };

struct Measure {
  std::string_view name;
  std::string_view from_step;
  Pick from;
  std::string_view to_step;
  Pick to;                // kFirst or kLast
  std::string_view unit;  // how people read it: "d", "h" or "min"
  double unit_seconds;
};
inline constexpr Measure kMeasures[] = {
    {"vein_to_vein", "apheresis.collect", Pick::kLast, "infusion.start", Pick::kFirst, "d", 86400},
    {"manufacturing_turnaround", "manufacturing.receive", Pick::kFirst, "manufacturing.release", Pick::kLast, "d",
     86400},
    {"thaw_to_infusion", "product.thaw", Pick::kLastBeforeEnd, "infusion.start", Pick::kFirst, "min", 60},
};
/// nullptr when name is none of them.
const Measure* find_measure(std::string_view name);

struct DurationFigure {
  std::string measure;  // kMeasures[].name
  std::string product;
  std::string site;
  std::int64_t journeys = 0;
  double median_s = 0, p25_s = 0, p75_s = 0, min_s = 0, max_s = 0;
};

struct Figures {
  FigureQuery query;
  std::vector<DeviationCount> deviations;  // by month, product, site, kind, code
  std::vector<DurationFigure> durations;   // by measure, product, site
};

}  // namespace cj::quality
