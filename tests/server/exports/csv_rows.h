// Reading the registry CSV back in tests, by column name. Only for rows without quoted cells
// (the journeys of the tests have none); RFC 4180 quoting itself is csv_cells' own test.
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace cj::exports::testing {

/// The cells of one line (its CR, if any, dropped).
inline std::vector<std::string> csv_cells_of(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

/// Column name -> cell of the first data row whose first cell is `first` (the first data row
/// when `first` is empty); empty when there is none.
inline std::map<std::string, std::string> csv_row(const std::string& csv, const std::string& first = "") {
  std::istringstream lines(csv);
  std::string header, line;
  std::getline(lines, header);
  const auto names = csv_cells_of(header);
  while (std::getline(lines, line)) {
    const auto cells = csv_cells_of(line);
    if (cells.empty() || (!first.empty() && cells[0] != first)) continue;
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < names.size() && i < cells.size(); ++i) row[names[i]] = cells[i];
    return row;
  }
  return {};
}

}  // namespace cj::exports::testing
