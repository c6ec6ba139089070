// How the figures are printed: a heading per part, then one "name  value" line per figure, so
// that docs/performance.md can quote a run as it came out.
#pragma once

#include <string>
#include <vector>

namespace cj::bench {

void print_heading(const std::string& title);
void print_figure(const std::string& name, const std::string& value);
/// value with decimals digits after the point.
std::string fixed(double value, int decimals = 1);
/// The lines of a /metrics text about the database pool, the feed and the scans.
std::vector<std::string> pool_metrics(const std::string& metrics_text);

}  // namespace cj::bench
