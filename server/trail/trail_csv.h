// The audit trail as CSV (RFC 4180, UTF-8, CRLF), for a reviewer's spreadsheet: one header row,
// then one row per entry, newest first:
//
//   at,kind,action,actor,station,coi,summary,source,id
//
// A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is
// written with a leading apostrophe, so that a note typed as "=HYPERLINK(...)" stays text.
#pragma once

#include <string>
#include <vector>

#include "server/trail/trail_store.h"

namespace cj::trail {

std::string csv_header();
/// The rows of entries, each ending in CRLF.
std::string csv_rows(const std::vector<Entry>& entries);
/// One cell, quoted when it holds a comma, a quote or a line break.
std::string csv_cell(const std::string& text);

}  // namespace cj::trail
