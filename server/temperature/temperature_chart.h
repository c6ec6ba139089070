// The temperature curve of a journey as a PNG (GET /api/v1/journeys/{coi}/temperature.png),
// drawn with cairo: one line per logger, the limits as dashed red lines, each excursion's
// window shaded red, each gap shaded grey, time along the bottom in the site's zone (its name under the axis), °C up
// the side.
//
// Pure: evidence in, PNG bytes out. An empty evidence draws the axes and "no readings".
#pragma once

#include <string>

#include "server/temperature/chart_zone.h"
#include "server/temperature/evidence.h"

namespace cj::temperature {

inline constexpr int kChartMinWidth = 300, kChartMaxWidth = 2400;
inline constexpr int kChartMinHeight = 200, kChartMaxHeight = 1600;

/// REQUIRES width and height within the bounds above. Throws std::runtime_error when cairo fails.
std::string render_temperature_png(const std::string& coi, const JourneyEvidence& evidence, const ChartZone& zone,
                                   int width, int height);

}  // namespace cj::temperature
