#include "tests/bench/ingest/report.h"

#include <cstdio>
#include <iostream>
#include <sstream>

namespace cj::bench {

void print_heading(const std::string& title) { std::cout << "\n== " << title << "\n"; }

void print_figure(const std::string& name, const std::string& value) {
  std::cout << "  " << name << std::string(name.size() < 26 ? 26 - name.size() : 1, ' ') << value << "\n";
}

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::vector<std::string> pool_metrics(const std::string& metrics_text) {
  std::vector<std::string> lines;
  std::istringstream in(metrics_text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("celljourney_db_", 0) == 0 || line.rfind("celljourney_feed_", 0) == 0 ||
        line.rfind("celljourney_scans_", 0) == 0 || line.rfind("celljourney_http_requests_", 0) == 0) {
      lines.push_back(line);
    }
  }
  return lines;
}

}  // namespace cj::bench
