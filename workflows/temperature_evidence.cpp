#include "workflows/temperature_evidence.h"

#include <algorithm>
#include <cstdio>

namespace cj::workflows {
namespace {

std::string show(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

bool out_of_range(double celsius, const TemperatureLimits& limits) {
  return (limits.max_c && celsius > *limits.max_c) || (limits.min_c && celsius < *limits.min_c);
}

Duration median_spacing(std::span<const TemperatureSample> samples) {
  if (samples.size() < 2) return Duration{0};
  std::vector<Duration> spacing;
  for (std::size_t i = 1; i < samples.size(); ++i) spacing.push_back(samples[i].at - samples[i - 1].at);
  // The lower median: with two spacings, the shorter is the logger's interval.
  const std::size_t middle = (spacing.size() - 1) / 2;
  std::nth_element(spacing.begin(), spacing.begin() + static_cast<long>(middle), spacing.end());
  return spacing[middle];
}

}  // namespace

TemperatureEvidence find_temperature_evidence(std::span<const TemperatureSample> samples,
                                              const TemperatureLimits& limits, const GapPolicy& policy) {
  TemperatureEvidence evidence;
  if (samples.empty()) return evidence;
  evidence.first = samples.front().at;
  evidence.last = samples.back().at;
  evidence.interval = median_spacing(samples);
  evidence.max_gap = policy.max_gap.value_or(evidence.interval * std::max(1, policy.gap_factor));
  std::optional<Excursion> open;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const TemperatureSample& sample = samples[i];
    evidence.min_c = std::min(evidence.min_c.value_or(sample.celsius), sample.celsius);
    evidence.max_c = std::max(evidence.max_c.value_or(sample.celsius), sample.celsius);
    if (i > 0 && evidence.max_gap > Duration{0} && sample.at - samples[i - 1].at > evidence.max_gap) {
      evidence.gaps.push_back({samples[i - 1].at, sample.at, sample.at - samples[i - 1].at});
    }
    const bool out = out_of_range(sample.celsius, limits);
    const bool above = limits.max_c && sample.celsius > *limits.max_c;
    if (open && (!out || above != open->above)) {  // back in range (or over the other limit)
      open->to = sample.at;
      open->duration = open->to - open->from;
      evidence.excursions.push_back(*open);
      open.reset();
    }
    if (!out) continue;
    if (!open) open = Excursion{sample.at, sample.at, Duration{0}, sample.celsius, sample.celsius, above, 0, false};
    open->min_c = std::min(open->min_c, sample.celsius);
    open->max_c = std::max(open->max_c, sample.celsius);
    ++open->readings;
  }
  if (open) {
    open->to = samples.back().at;
    open->duration = open->to - open->from;
    open->ongoing = true;
    evidence.excursions.push_back(*open);
  }
  return evidence;
}

// Messages are built with += (g++ 12 warns, wrongly, about "literal" + std::string chains).
std::vector<Finding> evidence_findings(const TemperatureEvidence& evidence, const std::string& logger,
                                       const TemperatureLimits& limits) {
  std::vector<Finding> findings;
  for (const Excursion& e : evidence.excursions) {
    std::string message = "logger ";
    message += logger;
    message += ": ";
    message += std::to_string(e.readings);
    message += e.readings == 1 ? " reading " : " readings ";
    message += e.above ? "above the limit " : "below the limit ";
    message += show(e.above ? limits.max_c.value_or(0) : limits.min_c.value_or(0));
    message += " °C (min ";
    message += show(e.min_c);
    message += " °C, max ";
    message += show(e.max_c);
    message += " °C) for ";
    message += format_duration(e.duration);
    message += ", from ";
    message += format_time(e.from);
    message += " to ";
    message += format_time(e.to);
    if (e.ongoing) message += " (still out of range at the last reading)";
    findings.push_back({Code::TempExcursion, code_info(Code::TempExcursion).severity, message, limits.rule});
  }
  for (const DataGap& gap : evidence.gaps) {
    std::string message = "logger ";
    message += logger;
    message += ": no readings for ";
    message += format_duration(gap.length);
    message += ", from ";
    message += format_time(gap.from);
    message += " to ";
    message += format_time(gap.to);
    message += " (interval ";
    message += format_duration(evidence.interval);
    message += ", a gap is more than ";
    message += format_duration(evidence.max_gap);
    message += "): the temperature in between is unknown";
    findings.push_back({Code::TempDataGap, code_info(Code::TempDataGap).severity, message, limits.rule});
  }
  return findings;
}

std::vector<std::string> evidence_subjects(const TemperatureEvidence& evidence, const std::string& logger) {
  std::vector<std::string> subjects;
  for (const Excursion& e : evidence.excursions) subjects.push_back(logger + " " + format_time(e.from));
  for (const DataGap& gap : evidence.gaps) subjects.push_back(logger + " " + format_time(gap.from));
  return subjects;
}

}  // namespace cj::workflows
