#include "hardware/temperature_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <utility>

#include "hardware/local_time.h"

namespace cj::hardware {
namespace {

using std::chrono::local_seconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// Tab, else ';', else ',' (outside quotes): a file with decimal commas cannot use ',' unquoted.
char separator_of(std::string_view line) {
  bool quoted = false;
  int tabs = 0, semicolons = 0;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\t') ++tabs;
    if (c == ';') ++semicolons;
  }
  return tabs > 0 ? '\t' : semicolons > 0 ? ';' : ',';
}

std::vector<std::string> split(std::string_view line, char separator) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == separator) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  for (std::string& field : fields) field = std::string(trim(field));
  return fields;
}

bool is_temperature_header(const std::string& h) {
  return has(h, "temp") || has(h, "celsius") || has(h, "fahrenheit") || has(h, "°") || has(h, "degc") || has(h, "degf");
}
bool is_serial_header(const std::string& h) {
  return has(h, "serial") || has(h, "logger") || has(h, "s/n") || has(h, "device") || h == "sn" || h == "id";
}
bool is_timestamp_header(const std::string& h) {
  return has(h, "timestamp") || has(h, "datetime") || h == "zeit" || h == "zeitstempel" || h == "horodatage" ||
         has(h, "date/time") || has(h, "date time") || has(h, "date_time") || h == "time (utc)" || h == "utc" ||
         h == "at";
}

// "C", "F", or "" from a temperature column's header.
std::string unit_of(const std::string& h) {
  if (has(h, "°f") || has(h, "degf") || has(h, "fahrenheit") || has(h, "(f)") || has(h, "[f]") || h.ends_with(" f")) {
    return "F";
  }
  if (has(h, "°c") || has(h, "degc") || has(h, "celsius") || has(h, "(c)") || has(h, "[c]") || h.ends_with(" c")) {
    return "C";
  }
  return "";
}

struct Columns {
  int time = -1, date = -1, clock = -1, temperature = -1, serial = -1;
  std::size_t needed = 0;  // fields a data row must have
};

std::optional<Columns> find_columns(const std::vector<std::string>& header) {
  Columns c;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = lower(header[i]);
    const int at = static_cast<int>(i);
    if (c.temperature < 0 && is_temperature_header(h)) {
      c.temperature = at;
    } else if (c.time < 0 && is_timestamp_header(h)) {
      c.time = at;
    } else if (c.date < 0 && (has(h, "date") || has(h, "datum"))) {
      c.date = at;
    } else if (c.clock < 0 && has(h, "time")) {
      c.clock = at;
    } else if (c.serial < 0 && is_serial_header(h)) {
      c.serial = at;
    }
  }
  if (c.time < 0 && c.date >= 0 && c.clock < 0) std::swap(c.time, c.date);   // one "Date" column with the time in it
  if (c.time < 0 && c.clock >= 0 && c.date < 0) std::swap(c.time, c.clock);  // one "Time" column with the date in it
  if (c.temperature < 0 || (c.time < 0 && (c.date < 0 || c.clock < 0))) return std::nullopt;
  c.needed = static_cast<std::size_t>(std::max({c.time, c.date, c.clock, c.temperature, c.serial}) + 1);
  return c;
}

// A preamble line naming the logger: "Serial: ABC123", "Logger S/N;ABC123".
std::optional<std::string> preamble_serial(std::string_view line) {
  const std::string l = lower(line);
  if (!is_serial_header(l.substr(0, l.find_first_of(":;,=\t")))) return std::nullopt;
  const std::size_t mark = line.find_first_of(":;,=\t");
  if (mark == std::string_view::npos) return std::nullopt;
  const std::string_view value = trim(line.substr(mark + 1));
  if (value.empty()) return std::nullopt;
  return std::string(value);
}

struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  std::optional<int> digits(std::size_t min, std::size_t max) {
    std::size_t n = 0;
    int value = 0;
    while (n < max && i < s.size() && s[i] >= '0' && s[i] <= '9') value = value * 10 + (s[i++] - '0'), ++n;
    if (n < min) return std::nullopt;
    return value;
  }
};

struct ParsedTime {
  local_seconds wall;
  std::optional<seconds> offset;  // set when the text gave a zone (Z or ±hh:mm)
};

std::optional<ParsedTime> parse_timestamp(std::string_view text) {
  Cursor c{trim(text)};
  int y = 0, mo = 0, d = 0;
  const auto first = c.digits(1, 4);
  if (!first) return std::nullopt;
  if (c.peek() == '-' && c.i == 4) {  // 2026-11-20
    y = *first;
    c.eat('-');
    const auto m = c.digits(2, 2);
    if (!m || !c.eat('-')) return std::nullopt;
    const auto day = c.digits(2, 2);
    if (!day) return std::nullopt;
    mo = *m, d = *day;
  } else if (c.peek() == '.') {  // 20.11.2026
    d = *first;
    c.eat('.');
    const auto m = c.digits(1, 2);
    if (!m || !c.eat('.')) return std::nullopt;
    const auto year = c.digits(4, 4);
    if (!year) return std::nullopt;
    mo = *m, y = *year;
  } else {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                         std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  int h = 0, mi = 0, se = 0;
  if (c.eat('T') || c.eat(' ')) {
    while (c.eat(' ')) {
    }
    const auto hour = c.digits(1, 2);
    if (!hour || !c.eat(':')) return std::nullopt;
    const auto minute = c.digits(2, 2);
    if (!minute) return std::nullopt;
    h = *hour, mi = *minute;
    if (c.eat(':')) {
      const auto second = c.digits(2, 2);
      if (!second) return std::nullopt;
      se = *second;
      if (c.eat('.') || c.eat(',')) {
        if (!c.digits(1, 9)) return std::nullopt;
      }
    }
  }
  if (h > 23 || mi > 59 || se > 59) return std::nullopt;
  ParsedTime parsed{
      local_seconds{std::chrono::local_days{date}} + std::chrono::hours{h} + std::chrono::minutes{mi} + seconds{se},
      std::nullopt};
  while (c.eat(' ')) {
  }
  const std::string rest = lower(c.s.substr(c.i));
  if (rest.empty()) return parsed;
  if (rest == "z" || rest == "utc" || rest == "gmt") {
    parsed.offset = seconds{0};
    return parsed;
  }
  const char sign = c.peek();
  if (sign != '+' && sign != '-') return std::nullopt;
  ++c.i;
  const auto oh = c.digits(2, 2);
  if (!oh) return std::nullopt;
  c.eat(':');
  const int om = c.done() ? 0 : c.digits(2, 2).value_or(-1);
  if (om < 0 || om > 59 || *oh > 18 || !c.done()) return std::nullopt;
  const seconds offset = std::chrono::hours{*oh} + std::chrono::minutes{om};
  parsed.offset = sign == '-' ? -offset : offset;
  return parsed;
}

// "-151.5", "-151,5", "−151,5" (Unicode minus); nullopt for anything else.
std::optional<double> parse_number(std::string_view text) {
  std::string s(trim(text));
  if (s.starts_with("\xE2\x88\x92")) s.replace(0, 3, "-");
  if (std::count(s.begin(), s.end(), ',') == 1 && s.find('.') == std::string::npos)
    std::replace(s.begin(), s.end(), ',', '.');
  if (!s.empty() && s.front() == '+') s.erase(0, 1);
  double value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || error != std::errc{} || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

TemperatureCsv read_temperature_csv(std::string_view text, const TemperatureCsvOptions& options) {
  TemperatureCsv out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::optional<Columns> columns;
  std::string file_serial = options.logger;
  double (*to_celsius)(double) = nullptr;
  std::map<std::pair<std::string, sys_seconds>, double> seen;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    if (!columns) {
      out.separator = separator_of(line);
      const auto header = split(line, out.separator);
      columns = find_columns(header);
      if (!columns) {
        if (auto serial = preamble_serial(line); serial && options.logger.empty()) file_serial = *serial;
        continue;
      }
      out.unit = unit_of(lower(header[static_cast<std::size_t>(columns->temperature)]));
      if (out.unit.empty())
        out.unit = options.unit == "F" || options.unit == "f" ? "F" : options.unit.empty() ? "" : "C";
      if (out.unit.empty()) {
        out.errors.push_back({line_number, "the temperature column '" +
                                               header[static_cast<std::size_t>(columns->temperature)] +
                                               "' does not say its unit (°C or °F); give it at import"});
        return out;
      }
      to_celsius = out.unit == "F" ? +[](double f) { return (f - 32.0) * 5.0 / 9.0; } : +[](double c) { return c; };
      if (columns->serial < 0 && file_serial.empty()) {
        out.errors.push_back(
            {line_number, "no logger serial: no serial column, none in the preamble, none given at import"});
        return out;
      }
      continue;
    }
    const auto fields = split(line, out.separator);
    if (fields.size() < columns->needed) {
      out.errors.push_back({line_number, "expected at least " + std::to_string(columns->needed) + " fields, found " +
                                             std::to_string(fields.size())});
      continue;
    }
    const auto field = [&](int index) { return fields[static_cast<std::size_t>(index)]; };
    const std::string time_text =
        columns->time >= 0 ? field(columns->time) : field(columns->date) + " " + field(columns->clock);
    const auto parsed = parse_timestamp(time_text);
    if (!parsed) {
      out.errors.push_back(
          {line_number, "'" + time_text + "' is not a date and time (2026-11-20T10:00:00Z, 20.11.2026 10:00)"});
      continue;
    }
    sys_seconds at;
    if (parsed->offset) {
      at = sys_seconds{parsed->wall.time_since_epoch() - *parsed->offset};
    } else if (options.zone.empty()) {
      out.errors.push_back({line_number, "'" + time_text + "' has no UTC offset and no time zone was given at import"});
      continue;
    } else {
      const LocalTimeResult utc = local_to_utc(parsed->wall, options.zone);
      if (!utc.at) {
        out.errors.push_back({line_number, "'" + time_text + "': " + utc.problem});
        if (!zone_exists(options.zone)) return out;  // every row would say the same
        continue;
      }
      at = *utc.at;
    }
    const auto value = parse_number(field(columns->temperature));
    if (!value) {
      out.errors.push_back({line_number, "'" + field(columns->temperature) + "' is not a temperature"});
      continue;
    }
    const double celsius = std::round(to_celsius(*value) * 100.0) / 100.0;
    std::string serial = columns->serial >= 0 ? field(columns->serial) : file_serial;
    if (serial.empty()) serial = file_serial;
    if (serial.empty()) {
      out.errors.push_back({line_number, "no logger serial on this row"});
      continue;
    }
    const auto [previous, inserted] = seen.emplace(std::make_pair(serial, at), celsius);
    if (!inserted) {
      if (previous->second != celsius) {
        out.errors.push_back({line_number, "a second, different reading of logger " + serial + " at the same time"});
      }
      continue;  // the same reading twice: recorded once
    }
    out.readings.push_back({at, celsius, std::move(serial), line_number});
  }
  if (!columns) out.errors.push_back({0, "no header line with a time and a temperature column"});
  return out;
}

}  // namespace cj::hardware
