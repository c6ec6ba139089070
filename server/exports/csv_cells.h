// CSV cells as RFC 4180 writes them, safe to open in a spreadsheet.
//
//   text_cell("Smith, J")   -> "\"Smith, J\""    (a comma, quote, CR or LF: quoted, quotes doubled)
//   text_cell("=1+2")       -> "'=1+2"           (CSV injection: see below)
//   number_cell(...)        -> as given          (numbers we formatted ourselves)
//
// CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with = + - @
// (or a tab or CR) as a formula. Text cells that start with one get a leading apostrophe, which
// spreadsheets show as text and a registry import can strip. Numeric cells are made by the
// exporter from durations ("-0.50" for an event recorded before its anchor) and are never
// prefixed. Raw scanned strings (ISBT 128 codes start with "=") are never exported: units go
// out as their 13-character DIN, without the data identifier.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cj::exports {

/// A text cell: apostrophe-prefixed when it starts with = + - @ TAB CR, then quoted when needed.
std::string text_cell(std::string_view text);

/// value / per as a decimal with `places` decimals, rounded half away from zero, computed in
/// integers ("45.91" for 3966600 s per 86400 with 2 places). REQUIRES per > 0, places <= 6.
std::string decimal_cell(std::int64_t value, std::int64_t per, int places);

}  // namespace cj::exports
