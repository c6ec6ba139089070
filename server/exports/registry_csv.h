// The registry CSV: one row per journey, one header line, CRLF line ends (RFC 4180), UTF-8.
// The columns, their units and source events are registry_columns(); docs/export.md explains
// each one and its alignment with the EBMT cellular therapy registry's time points.
//
// Empty cell = not computable from what was recorded (no infusion yet, a step not recorded):
// never 0. Times are UTC, ISO 8601 ("2026-11-20T09:50:00Z"); dates are UTC days.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/exports/registry_row.h"

namespace cj::exports {

struct Column {
  std::string_view name;  // header text
  std::string_view unit;  // "days", "minutes", "UTC time", "count", "text", ...
  std::string (*cell)(const RegistryRow& row);
};

/// Every column, in file order.
const std::vector<Column>& registry_columns();

/// The header line and one line per row.
std::string registry_csv(const std::vector<RegistryRow>& rows);

}  // namespace cj::exports
