// Reading the board: the journeys on it (board_rows with status active or on_hold) that a
// principal may see, most urgent first, a page at a time.
//
// Order, most urgent first: overdue rows (due_by < now), then rows with an open critical or
// major deviation, then the rest; within each, sort_due (the next due time; none last), then
// the newest journey first. Paging is by keyset: the cursor names the last row's (tier,
// sort_due, journey id), so a page costs the same at any depth. A row whose tier changes while
// the coordinator pages (it fell overdue) may be missed by "show more": the live feed puts it
// in its place, and every resync reads the first page again.
//
// One transaction (its now() is the board's "now"). Database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/board/projection.h"

namespace pqxx {
class transaction_base;
}

namespace cj::board {

struct BoardFilter {
  std::vector<std::int64_t> site_ids;  // the principal's sites: only these
  std::optional<std::string> site;     // a site code
  std::optional<std::string> product;
  std::optional<int> stage_index;  // 1..13
  std::optional<bool> overdue;
  std::optional<std::string> coi;
  std::optional<std::string> identifier;  // a manufacturer's identifier's current value, exactly
  std::optional<std::string> after;       // a cursor from a previous page (checked: see parse_cursor)
  int limit = 200;
};

struct BoardEntry {
  BoardRow row;
  bool overdue = false;
  std::string initials, mrn;
  std::optional<std::string> date_of_birth;
};

struct BoardPage {
  std::string now;         // the server's time the page was read at
  std::int64_t total = 0;  // rows matching the filter, all pages
  std::vector<BoardEntry> entries;
  std::optional<std::string> next_cursor;  // none on the last page
};

/// True when text is a cursor this code made ("<tier>/<sort_due>/<journey id>").
bool valid_cursor(const std::string& text);

/// REQUIRES filter.after, when set, is valid_cursor(); 1 <= limit.
BoardPage read_board(pqxx::transaction_base& tx, const BoardFilter& filter);

}  // namespace cj::board
