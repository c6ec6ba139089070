#include "hardware/simulators/logger_simulator.h"

#include <cstdio>
#include <stdexcept>

#include "hardware/local_time.h"

namespace cj::hardware {
namespace {

std::string utc_text(std::chrono::sys_seconds at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{at - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

// The wall time of `at` in `zone`, found by asking local_to_utc() for candidates around it:
// the simulator must not share the reader's code path for the conversion it tests, so it
// walks the offsets a zone can have (-14 h .. +14 h in quarter hours) and keeps the one that
// maps back to `at`.
std::chrono::local_seconds wall_time(std::chrono::sys_seconds at, const std::string& zone) {
  for (int quarter = -56; quarter <= 56; ++quarter) {
    const std::chrono::local_seconds wall{at.time_since_epoch() + std::chrono::minutes{15 * quarter}};
    const auto back = local_to_utc(wall, zone);
    if (back.at && *back.at == at) return wall;
  }
  std::string message = "no unambiguous wall time in ";
  message += zone;
  message += " for ";
  message += utc_text(at);
  throw std::runtime_error(message);
}

}  // namespace

CsvStyle CsvStyle::european() {
  CsvStyle style;
  style.separator = ';';
  style.decimal_comma = true;
  style.bom = true;
  style.crlf = true;
  style.zone = "Europe/Berlin";
  style.split_date_time = true;
  return style;
}

LoggerSimulator::LoggerSimulator(std::string serial, std::chrono::sys_seconds start, std::chrono::seconds interval,
                                 double baseline_c)
    : serial_(std::move(serial)), next_(start), interval_(interval), baseline_c_(baseline_c) {}

void LoggerSimulator::record(std::chrono::seconds length) { record(length, baseline_c_); }

void LoggerSimulator::record(std::chrono::seconds length, double celsius) {
  const auto end = next_ + length;
  for (; next_ < end; next_ += interval_) readings_.push_back({next_, celsius, serial_, 0});
}

void LoggerSimulator::pause(std::chrono::seconds length) { next_ += length; }

std::string LoggerSimulator::csv(const CsvStyle& style) const {
  const std::string eol = style.crlf ? "\r\n" : "\n";
  const auto field = [&](const std::string& text) { return style.quoted ? "\"" + text + "\"" : text; };
  const std::string sep(1, style.separator);
  std::string out = style.bom ? "\xEF\xBB\xBF" : "";
  if (!style.serial_column) out += "Serial: " + serial_ + eol;
  out += "Exported by logger simulator" + eol;  // a preamble line readers must skip
  std::string header = style.split_date_time ? field("Date") + sep + field("Time") : field("Timestamp");
  header += sep + field(style.fahrenheit ? "Temperature (°F)" : "Temperature (°C)");
  if (style.serial_column) header += sep + field("Logger Serial");
  out += header + eol;
  for (const TemperatureReading& reading : readings_) {
    std::string when;
    if (style.zone.empty()) {
      when = field(utc_text(reading.at));
    } else {
      const std::string wall = utc_text(std::chrono::sys_seconds{wall_time(reading.at, style.zone).time_since_epoch()});
      const std::string date = wall.substr(8, 2) + "." + wall.substr(5, 2) + "." + wall.substr(0, 4);
      const std::string clock = wall.substr(11, 8);
      when = style.split_date_time ? field(date) + sep + field(clock) : field(wall.substr(0, 10) + " " + clock);
    }
    char number[32];
    const double value = style.fahrenheit ? reading.celsius * 9.0 / 5.0 + 32.0 : reading.celsius;
    std::snprintf(number, sizeof number, "%.2f", value);
    std::string shown = number;
    if (style.decimal_comma) shown.replace(shown.find('.'), 1, ",");
    out += when + sep + field(shown);
    if (style.serial_column) out += sep + field(serial_);
    out += eol;
  }
  return out;
}

std::string LoggerSimulator::push_body(const std::string& placement_json_fields) const {
  std::string out = "{\"logger\":\"" + serial_ + "\"";
  if (!placement_json_fields.empty()) out += "," + placement_json_fields;
  out += ",\"readings\":[";
  for (std::size_t i = 0; i < readings_.size(); ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "%.2f", readings_[i].celsius);
    if (i > 0) out += ',';
    out += "{\"at\":\"";
    out += utc_text(readings_[i].at);
    out += "\",\"celsius\":";
    out += number;
    out += '}';
  }
  return out + "]}";
}

}  // namespace cj::hardware
