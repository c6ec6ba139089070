// A temperature data logger simulator for tests: a series of readings at the logger's interval,
// with excursions and gaps where the test wants them, written as the CSV exports of different
// loggers (the variants temperature_csv.h reads) or as the JSON body a logger pushes live
// (POST /api/v1/temperature/readings).
//
//   LoggerSimulator logger("LOG-7781", start, std::chrono::minutes{5}, -180.0);
//   logger.record(std::chrono::hours{6});                    // 6 h at -180 °C
//   logger.record(std::chrono::minutes{20}, -140.0);         // 20 min too warm
//   logger.pause(std::chrono::hours{2});                     // nothing logged: a gap
//   logger.record(std::chrono::hours{1});
//   std::string csv = logger.csv(CsvStyle::european());      // ';', decimal comma, local time
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "hardware/temperature_csv.h"

namespace cj::hardware {

struct CsvStyle {
  char separator = ',';
  bool decimal_comma = false;
  bool bom = false;
  bool crlf = false;
  bool quoted = false;           // every field in double quotes
  bool fahrenheit = false;       // values and header in °F
  std::string zone;              // empty: UTC with 'Z'; else local times in this IANA zone, no offset
  bool serial_column = true;     // else "Serial: X" in a preamble line
  bool split_date_time = false;  // "Date" and "Time" columns, dd.mm.yyyy

  static CsvStyle plain() { return {}; }
  // A European freezer monitor: ';', decimal comma, BOM, CRLF, local Berlin time, dd.mm.yyyy.
  static CsvStyle european();
};

class LoggerSimulator {
 public:
  LoggerSimulator(std::string serial, std::chrono::sys_seconds start, std::chrono::seconds interval, double baseline_c);

  /// Readings every interval for `length` at `celsius` (the baseline when not given).
  void record(std::chrono::seconds length);
  void record(std::chrono::seconds length, double celsius);
  /// Nothing logged for `length` (a flat battery, a logger out of range of its base).
  void pause(std::chrono::seconds length);

  const std::vector<TemperatureReading>& readings() const { return readings_; }
  const std::string& serial() const { return serial_; }

  /// The readings as a logger's CSV export.
  std::string csv(const CsvStyle& style) const;
  /// {"logger", "readings": [{"at", "celsius"}]} plus the caller's placement fields.
  std::string push_body(const std::string& placement_json_fields) const;

 private:
  std::string serial_;
  std::chrono::sys_seconds next_;
  std::chrono::seconds interval_;
  double baseline_c_;
  std::vector<TemperatureReading> readings_;
};

}  // namespace cj::hardware
