// Reading a temperature data logger's CSV export (shipper loggers, freezer monitors) into
// readings: when (UTC), how cold (°C), which logger.
//
//   TemperatureCsvOptions options;
//   options.zone = "Europe/Berlin";           // for timestamps written without an offset
//   TemperatureCsv csv = read_temperature_csv(file_text, options);
//   if (!csv.ok()) { for (auto& e : csv.errors) show(e.line, e.message); }  // refuse the file
//
// What varies between loggers and is tolerated:
//   - a UTF-8 byte order mark; CRLF or LF line ends; blank lines; preamble lines before the
//     header (a preamble line "Serial: ABC123" / "Logger S/N;ABC123" gives the serial)
//   - separators: tab, ';' or ',' (the header line decides: tab, else ';', else ',')
//   - quoted fields ("..." with "" for a quote), decimal commas ("-151,5"), a Unicode minus
//   - the unit in the temperature column's header: °C, C, degC, Celsius, °F, F, degF,
//     Fahrenheit ("Temperature (°F)"); °F is converted to °C. No unit in the header: the
//     options' unit, else the file is refused (a number without a unit is not evidence)
//   - times: ISO 8601 "2026-11-20T10:00:00Z", with an offset "+01:00"/"+0100", with a space
//     instead of 'T', without seconds, with fractions (dropped); "20.11.2026 10:00:00"; a date
//     column and a time column. Times without an offset are local times in options.zone (IANA
//     name); without a zone the file is refused. A local time that does not exist (spring
//     forward) or that happens twice (fall back) is an error of its row: give the offset.
//   - the logger's serial in a column ("Serial", "Logger", "S/N", "Device"), in the preamble,
//     or from options.logger
//
// Errors are values with the line (1-based, as an editor shows it). The reader returns every
// reading it could read and every error; for evidence the caller refuses the whole file when
// there is any error (a partial record would look like a gap or, worse, like an all-clear).
//
// Local times are converted by local_to_utc() (local_time.h).
//
// Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cj::hardware {

struct TemperatureReading {
  std::chrono::sys_seconds at;  // UTC, whole seconds
  double celsius = 0;
  std::string logger;  // the logger's serial
  int line = 0;        // where it was read
};

struct TemperatureCsvOptions {
  std::string zone;    // IANA name ("Europe/Berlin") for times without an offset; empty: none
  std::string logger;  // the serial when the file does not give one
  std::string unit;    // "C" or "F" when the header does not say; empty: the header must say
};

struct TemperatureCsvError {
  int line = 0;  // 0: the file as a whole
  std::string message;
};

struct TemperatureCsv {
  std::vector<TemperatureReading> readings;  // in file order
  std::vector<TemperatureCsvError> errors;
  char separator = ',';
  std::string unit;  // "C" or "F": what the file was in
  bool ok() const { return errors.empty(); }
};

TemperatureCsv read_temperature_csv(std::string_view text, const TemperatureCsvOptions& options);

}  // namespace cj::hardware
