// The quality figures drawn as PNG charts with cairo, as the temperature curve is:
//  - deviations: one bar per month, stacked by severity (minor, major, critical) and near
//    misses, each bar's total above it, a legend naming the colours in words;
//  - durations: one panel per stretch (vein-to-vein, manufacturing, thaw-to-infusion), a box
//    per product and site: the box from the 25th to the 75th percentile, the median a thick
//    line across it, whiskers to the shortest and the longest, n beside it.
//
// Pure: figures in, PNG bytes out. No figures draw the axes and "no data in this period".
#pragma once

#include <string>

#include "server/quality/figures.h"

namespace cj::quality {

inline constexpr int kChartMinWidth = 400, kChartMaxWidth = 2400;
inline constexpr int kChartMinHeight = 250, kChartMaxHeight = 1600;

/// REQUIRE width and height within the bounds above. Throw std::runtime_error when cairo fails.
std::string render_deviations_png(const Figures& figures, int width, int height);
std::string render_durations_png(const Figures& figures, int width, int height);

}  // namespace cj::quality
