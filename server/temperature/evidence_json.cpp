#include "server/temperature/evidence_json.h"

#include <boost/json.hpp>

namespace cj::temperature {
namespace {

namespace json = boost::json;
using workflows::format_time;

json::value number_or_null(const std::optional<double>& value) {
  if (!value) return nullptr;
  return *value;
}

}  // namespace

json::object evidence_json(const std::string& coi, const JourneyEvidence& evidence) {
  json::array loggers;
  for (const SeriesEvidence& item : evidence.series) {
    json::array readings, excursions, gaps;
    for (const auto& s : item.series.samples)
      readings.push_back(json::object{{"at", format_time(s.at)}, {"celsius", s.celsius}});
    for (const auto& e : item.evidence.excursions) {
      excursions.push_back(json::object{{"from", format_time(e.from)},
                                        {"to", format_time(e.to)},
                                        {"duration_s", e.duration.count()},
                                        {"min_c", e.min_c},
                                        {"max_c", e.max_c},
                                        {"above", e.above},
                                        {"readings", e.readings},
                                        {"ongoing", e.ongoing}});
    }
    for (const auto& g : item.evidence.gaps) {
      gaps.push_back(
          json::object{{"from", format_time(g.from)}, {"to", format_time(g.to)}, {"length_s", g.length.count()}});
    }
    loggers.push_back(json::object{{"logger", item.series.logger},
                                   {"kind", item.series.kind},
                                   {"place", item.series.place},
                                   {"limits", json::object{{"min_c", number_or_null(item.limits.min_c)},
                                                           {"max_c", number_or_null(item.limits.max_c)},
                                                           {"rule", item.limits.rule}}},
                                   {"interval_s", item.evidence.interval.count()},
                                   {"max_gap_s", item.evidence.max_gap.count()},
                                   {"min_c", number_or_null(item.evidence.min_c)},
                                   {"max_c", number_or_null(item.evidence.max_c)},
                                   {"readings", std::move(readings)},
                                   {"excursions", std::move(excursions)},
                                   {"gaps", std::move(gaps)}});
  }
  json::object out{{"journey", coi}, {"evaluated", evidence.evaluated()}, {"loggers", std::move(loggers)}};
  if (!evidence.evaluated()) out["problem"] = evidence.problem;
  return out;
}

}  // namespace cj::temperature
