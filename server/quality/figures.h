// The quality figures a centre reports (docs/quality.md, "Quality figures"): how many
// deviations and near misses, per product, site, code and month; and how long the journey's
// stretches took, per product and site, as median and spread:
//
//   vein_to_vein              apheresis.collect     -> infusion.start
//   manufacturing_turnaround  manufacturing.receive -> manufacturing.release
//   thaw_to_infusion          product.thaw          -> infusion.start
//
// Each stretch runs from the first accepted event of its first step to the first accepted event
// of its last, by when they happened (occurred_at); a journey counts in the period its stretch
// ended in. Values, no SQL: figures_store.h reads them.
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

struct Measure {
  std::string_view name, from_step, to_step;
  std::string_view unit;  // how people read it: "d", "h" or "min"
  double unit_seconds;
};
inline constexpr Measure kMeasures[] = {
    {"vein_to_vein", "apheresis.collect", "infusion.start", "d", 86400},
    {"manufacturing_turnaround", "manufacturing.receive", "manufacturing.release", "d", 86400},
    {"thaw_to_infusion", "product.thaw", "infusion.start", "min", 60},
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
