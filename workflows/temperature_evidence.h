// Temperature evidence: a logger's readings against a product's limits. Pure: readings and
// limits in, excursions, gaps and their deviations out (the server stores and raises them).
//
// An excursion is a run of readings outside [min_c, max_c]. Its window starts at the first
// reading out of range and ends at the first reading back in range (the logger saw the breach
// last at the reading before, and cannot say when within the interval it ended: counting to
// the next reading is the conservative choice, the one logger software calls "time above
// limit"); a breach still open at the last reading ends there and is `ongoing`. Its min and
// max are over the readings out of range.
//
// A gap is a stretch longer than max_gap between two consecutive readings: a breach the logger
// did not see is not an all-clear. max_gap = the logger's interval (the median spacing of its
// readings) x gap_factor, unless the caller sets it; gap_factor is 3 unless the site sets
// `core/temperature-gap.factor` (server side). Readings must be of one logger, sorted by time.
//
//   auto report = find_temperature_evidence(readings, {.min_c = std::nullopt, .max_c = -150.0,
//                                                      .rule = "tecartus/storage"}, {});
//   auto findings = evidence_findings(report, "LOG-7781", limits);  // TEMP_EXCURSION, TEMP_DATA_GAP
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "workflows/decision.h"
#include "workflows/time_point.h"

namespace cj::workflows {

struct TemperatureSample {
  TimePoint at;
  double celsius = 0;
};

struct TemperatureLimits {
  std::optional<double> min_c, max_c;
  std::string rule;  // "tecartus/storage", "core/shipper-logger"
};

struct GapPolicy {
  int gap_factor = 3;               // max gap = interval x gap_factor ...
  std::optional<Duration> max_gap;  // ... unless given
};

struct Excursion {
  TimePoint from, to;  // first reading out of range; first reading back in range (or the last)
  Duration duration{0};
  double min_c = 0, max_c = 0;  // over the readings out of range
  bool above = true;            // warmer than max_c (else colder than min_c)
  int readings = 0;             // readings out of range
  bool ongoing = false;         // still out of range at the last reading
};

struct DataGap {
  TimePoint from, to;  // the readings on either side
  Duration length{0};
};

struct TemperatureEvidence {
  Duration interval{0};  // the logger's interval: median spacing (0 with fewer than 2 readings)
  Duration max_gap{0};   // what counted as a gap
  std::vector<Excursion> excursions;
  std::vector<DataGap> gaps;
  std::optional<TimePoint> first, last;
  std::optional<double> min_c, max_c;  // over every reading
};

/// REQUIRES samples sorted by `at`, of one logger.
TemperatureEvidence find_temperature_evidence(std::span<const TemperatureSample> samples,
                                              const TemperatureLimits& limits, const GapPolicy& policy);

/// A finding per excursion (TEMP_EXCURSION) and per gap (TEMP_DATA_GAP), messages naming the
/// logger, the limit, min/max, the duration and the window, rule = limits.rule.
std::vector<Finding> evidence_findings(const TemperatureEvidence& evidence, const std::string& logger,
                                       const TemperatureLimits& limits);

/// What makes each finding of evidence_findings() one deviation, however often the evidence is
/// evaluated again: "<logger> <from>" (from of the excursion or gap), in the same order.
std::vector<std::string> evidence_subjects(const TemperatureEvidence& evidence, const std::string& logger);

}  // namespace cj::workflows
