#include "server/exports/csv_cells.h"

namespace cj::exports {

std::string text_cell(std::string_view text) {
  std::string cell;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) cell += '\'';
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string decimal_cell(std::int64_t value, std::int64_t per, int places) {
  std::int64_t scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  const bool negative = value < 0;
  const std::int64_t magnitude = negative ? -value : value;
  // round(magnitude * scale / per), half away from zero
  const std::int64_t scaled = (magnitude * scale * 2 + per) / (per * 2);
  std::string digits = std::to_string(scaled / scale);
  if (places > 0) {
    std::string fraction = std::to_string(scaled % scale);
    digits += '.' + std::string(static_cast<std::size_t>(places) - fraction.size(), '0') + fraction;
  }
  if (negative && scaled != 0) digits.insert(digits.begin(), '-');
  return digits;
}

}  // namespace cj::exports
