#include "server/trail/trail_csv.h"

namespace cj::trail {

std::string csv_cell(const std::string& text) {
  std::string cell = text;
  if (!cell.empty() &&
      (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_header() { return "at,kind,action,actor,station,coi,summary,source,id\r\n"; }

std::string csv_rows(const std::vector<Entry>& entries) {
  std::string out;
  for (const Entry& e : entries) {
    for (const std::string* cell : {&e.at, &e.action, &e.actor, &e.station, &e.coi, &e.summary, &e.source}) {
      if (cell == &e.action) out.append(kind_name(e.kind)).append(",");
      out.append(csv_cell(*cell)).append(",");
    }
    out.append(std::to_string(e.id)).append("\r\n");
  }
  return out;
}

}  // namespace cj::trail
