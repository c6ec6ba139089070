#include "server/quality/figures_csv.h"

#include <cstdio>

namespace cj::quality {
namespace {

// Codes, products and site codes are [a-z0-9_-] by their CHECKs: no cell needs quoting.
void row(std::string& out, std::initializer_list<std::string_view> cells) {
  bool first = true;
  for (const std::string_view c : cells) {
    if (!first) out += ',';
    out.append(c);
    first = false;
  }
  out += "\r\n";
}

}  // namespace

std::string in_unit(double seconds, const Measure& measure) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", seconds / measure.unit_seconds);
  return text;
}

std::string deviations_csv(const Figures& figures) {
  std::string out;
  row(out, {"month", "product", "site", "kind", "code", "severity", "count"});
  for (const DeviationCount& d : figures.deviations) {
    row(out, {d.month, d.product, d.site, d.kind, d.code, d.severity, std::to_string(d.count)});
  }
  return out;
}

std::string durations_csv(const Figures& figures) {
  std::string out;
  row(out, {"measure", "unit", "product", "site", "journeys", "median", "p25", "p75", "min", "max"});
  for (const DurationFigure& f : figures.durations) {
    const Measure* m = find_measure(f.measure);
    if (m == nullptr) continue;
    row(out, {f.measure, m->unit, f.product, f.site, std::to_string(f.journeys), in_unit(f.median_s, *m),
              in_unit(f.p25_s, *m), in_unit(f.p75_s, *m), in_unit(f.min_s, *m), in_unit(f.max_s, *m)});
  }
  return out;
}

}  // namespace cj::quality
