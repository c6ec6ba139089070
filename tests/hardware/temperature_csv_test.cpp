// Data-logger CSV files (hardware/temperature_csv.h): the variants loggers write, read to the
// same UTC readings; bad rows named by line; the simulator's exports read back exactly.
#include "hardware/temperature_csv.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include <ostream>

#include "hardware/local_time.h"
#include "hardware/simulators/logger_simulator.h"

namespace cj::hardware {
namespace {

using namespace std::chrono;

TemperatureCsvOptions in_zone(const std::string& zone) {
  TemperatureCsvOptions options;
  options.zone = zone;
  return options;
}
TemperatureCsvOptions with_unit(const std::string& unit) {
  TemperatureCsvOptions options;
  options.unit = unit;
  return options;
}
TemperatureCsvOptions with_logger(const std::string& logger) {
  TemperatureCsvOptions options;
  options.logger = logger;
  return options;
}

sys_seconds utc(int h, int m) { return sys_days{2026y / 11 / 20} + hours{h} + minutes{m}; }

TEST(TemperatureCsv, APlainIsoFileReadsEveryRowInUtc) {
  const auto csv = read_temperature_csv(
      "Timestamp,Temperature (°C),Serial\n2026-11-20T10:00:00Z,-180.5,LOG-1\n2026-11-20T10:05:00Z,-179,LOG-1\n", {});
  ASSERT_TRUE(csv.ok());
  ASSERT_EQ(csv.readings.size(), 2u);
  EXPECT_EQ(csv.readings[0].at, utc(10, 0));
  EXPECT_DOUBLE_EQ(csv.readings[0].celsius, -180.5);
  EXPECT_EQ(csv.readings[0].logger, "LOG-1");
  EXPECT_EQ(csv.readings[1].line, 3);
}

TEST(TemperatureCsv, SemicolonsDecimalCommasBomCrlfAndQuotesAreTolerated) {
  const auto csv = read_temperature_csv(
      "\xEF\xBB\xBF\"Zeit\";\"Temperatur [°C]\";\"Logger\"\r\n\"2026-11-20 11:00\";\"-151,5\";\"L;7\"\r\n",
      in_zone("Europe/Berlin"));
  ASSERT_TRUE(csv.ok()) << csv.errors[0].message;
  EXPECT_EQ(csv.separator, ';');
  EXPECT_DOUBLE_EQ(csv.readings[0].celsius, -151.5);
  EXPECT_EQ(csv.readings[0].logger, "L;7");
  EXPECT_EQ(csv.readings[0].at, utc(10, 0));
}

TEST(TemperatureCsv, TabsAndAUnicodeMinusAreTolerated) {
  const auto csv = read_temperature_csv(
      "time (utc)\ttemp degC\tS/N\n2026-11-20T10:00Z\t\xE2\x88\x92"
      "150.2\tA\n",
      {});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv.separator, '\t');
  EXPECT_DOUBLE_EQ(csv.readings[0].celsius, -150.2);
}

TEST(TemperatureCsv, FahrenheitInTheHeaderIsConvertedToCelsius) {
  const auto csv = read_temperature_csv("Timestamp,Temperature (°F),Serial\n2026-11-20T10:00:00Z,-238,A\n", {});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv.unit, "F");
  EXPECT_DOUBLE_EQ(csv.readings[0].celsius, -150);
}

TEST(TemperatureCsv, AnOffsetInTheTimestampIsHonoured) {
  const auto csv = read_temperature_csv(
      "Timestamp,Temp C,Serial\n2026-11-20T11:00:00+01:00,5,A\n2026-11-20T05:30:00-0430,5,B\n", {});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv.readings[0].at, utc(10, 0));
  EXPECT_EQ(csv.readings[1].at, utc(10, 0));
}

TEST(TemperatureCsv, LocalTimesAreReadInTheZoneGivenAtImport) {
  const auto winter =
      read_temperature_csv("Date;Time;Temp (C);Serial\n20.11.2026;11:00:00;5,0;A\n", in_zone("Europe/Berlin"));
  ASSERT_TRUE(winter.ok());
  EXPECT_EQ(winter.readings[0].at, utc(10, 0));  // CET = UTC+1
  const auto summer = read_temperature_csv("Timestamp,Temp C,Serial\n2026-07-01 12:00,5,A\n", in_zone("Europe/Berlin"));
  ASSERT_TRUE(summer.ok());
  EXPECT_EQ(summer.readings[0].at, sys_days{2026y / 7 / 1} + hours{10});  // CEST = UTC+2
}

TEST(TemperatureCsv, ALocalTimeWithoutAZoneRefusesTheRowWithItsLine) {
  const auto csv =
      read_temperature_csv("Timestamp,Temp C,Serial\n2026-11-20T10:00:00Z,5,A\n2026-11-20 11:00,5,A\n", {});
  ASSERT_EQ(csv.errors.size(), 1u);
  EXPECT_EQ(csv.errors[0].line, 3);
  EXPECT_NE(csv.errors[0].message.find("no time zone"), std::string::npos);
}

TEST(TemperatureCsv, ALocalTimeThatHappensTwiceOrNeverIsAnError) {
  // 2026-10-25 02:30 happens twice in Berlin; 2026-03-29 02:30 never.
  EXPECT_NE(local_to_utc(local_days{2026y / 10 / 25} + hours{2} + minutes{30}, "Europe/Berlin").problem.find("twice"),
            std::string::npos);
  EXPECT_NE(
      local_to_utc(local_days{2026y / 3 / 29} + hours{2} + minutes{30}, "Europe/Berlin").problem.find("not exist"),
      std::string::npos);
  EXPECT_FALSE(local_to_utc(local_days{2026y / 3 / 29}, "Mars/Olympus").at.has_value());
  EXPECT_FALSE(zone_exists("../../etc/passwd"));
}

TEST(TemperatureCsv, ReadingALocalTimeNeverChangesTheProcesssTimeZone) {
  setenv("TZ", "Asia/Tokyo", 1);
  ASSERT_TRUE(local_to_utc(local_days{2026y / 11 / 20}, "Europe/Berlin").at.has_value());
  EXPECT_STREQ(std::getenv("TZ"), "Asia/Tokyo");
  unsetenv("TZ");
  ASSERT_TRUE(local_to_utc(local_days{2026y / 11 / 20}, "Europe/Berlin").at.has_value());
  EXPECT_EQ(std::getenv("TZ"), nullptr);
}

TEST(TemperatureCsv, BadRowsAreListedWithTheirLinesAndGoodRowsStillRead) {
  const auto csv = read_temperature_csv(
      "Timestamp,Temp C,Serial\n2026-11-20T10:00Z,5,A\n2026-13-01T10:00Z,5,A\n2026-11-20T10:10Z,warm,A\n2026-11-20T10:15Z\n",
      {});
  ASSERT_EQ(csv.errors.size(), 3u);
  EXPECT_EQ(csv.errors[0].line, 3);
  EXPECT_EQ(csv.errors[1].line, 4);
  EXPECT_EQ(csv.errors[2].line, 5);
  EXPECT_EQ(csv.readings.size(), 1u);
}

TEST(TemperatureCsv, AHeaderWithoutAUnitIsRefusedUnlessTheImportGivesOne) {
  const std::string text = "Timestamp,Temperature,Serial\n2026-11-20T10:00Z,5,A\n";
  EXPECT_FALSE(read_temperature_csv(text, {}).ok());
  const auto csv = read_temperature_csv(text, with_unit("F"));
  ASSERT_TRUE(csv.ok());
  EXPECT_DOUBLE_EQ(csv.readings[0].celsius, -15);
}

TEST(TemperatureCsv, TheSerialComesFromThePreambleOrTheImportWhenThereIsNoColumn) {
  const auto preamble = read_temperature_csv("Serial: LOG-9\nTimestamp,Temp C\n2026-11-20T10:00Z,5\n", {});
  ASSERT_TRUE(preamble.ok());
  EXPECT_EQ(preamble.readings[0].logger, "LOG-9");
  EXPECT_FALSE(read_temperature_csv("Timestamp,Temp C\n2026-11-20T10:00Z,5\n", {}).ok());
  EXPECT_EQ(read_temperature_csv("Timestamp,Temp C\n2026-11-20T10:00Z,5\n", with_logger("X")).readings[0].logger, "X");
}

TEST(TemperatureCsv, TheSameReadingTwiceIsReadOnceAndAConflictingOneIsAnError) {
  const auto csv = read_temperature_csv(
      "Timestamp,Temp C,Serial\n2026-11-20T10:00Z,5,A\n2026-11-20T10:00Z,5,A\n2026-11-20T10:00Z,6,A\n", {});
  EXPECT_EQ(csv.readings.size(), 1u);
  ASSERT_EQ(csv.errors.size(), 1u);
  EXPECT_EQ(csv.errors[0].line, 4);
}

TEST(TemperatureCsv, AFileWithNoHeaderIsRefused) {
  const auto csv = read_temperature_csv("1,2,3\n4,5,6\n", {});
  ASSERT_EQ(csv.errors.size(), 1u);
  EXPECT_EQ(csv.errors[0].line, 0);
}

}  // namespace

// In CsvStyle's own namespace, where GoogleTest looks for it.
// Names a variant in test names and messages ("semicolon-separated decimal-comma bom crlf zone=Europe/Berlin").
void PrintTo(const CsvStyle& style, std::ostream* out) {
  // Words, not the characters: a ';' in a test name would split CMake's list of ctest names.
  *out << (style.separator == '\t'  ? "tab"
           : style.separator == ';' ? "semicolon"
           : style.separator == ',' ? "comma"
                                    : "other")
       << "-separated";
  if (style.decimal_comma) *out << " decimal-comma";
  if (style.bom) *out << " bom";
  if (style.crlf) *out << " crlf";
  if (style.quoted) *out << " quoted";
  if (style.fahrenheit) *out << " fahrenheit";
  if (!style.zone.empty()) *out << " zone=" << style.zone;
  if (!style.serial_column) *out << " serial-in-preamble";
  if (style.split_date_time) *out << " date-and-time-columns";
}

namespace {

// Every variant the simulator writes reads back to the readings it logged.
class SimulatorVariants : public ::testing::TestWithParam<CsvStyle> {};

TEST_P(SimulatorVariants, ReadBackToTheSameReadings) {
  LoggerSimulator logger("LOG-7781", sys_days{2026y / 11 / 20} + hours{6}, minutes{10}, -180.25);
  logger.record(hours{2});
  logger.record(minutes{30}, -140.5);
  logger.pause(hours{1});
  logger.record(hours{2});
  const CsvStyle style = GetParam();
  const auto csv = read_temperature_csv(logger.csv(style), in_zone(style.zone));
  ASSERT_TRUE(csv.ok()) << csv.errors[0].line << ": " << csv.errors[0].message;
  ASSERT_EQ(csv.readings.size(), logger.readings().size());
  for (std::size_t i = 0; i < csv.readings.size(); ++i) {
    EXPECT_EQ(csv.readings[i].at, logger.readings()[i].at);
    EXPECT_NEAR(csv.readings[i].celsius, logger.readings()[i].celsius, 0.01);
    EXPECT_EQ(csv.readings[i].logger, "LOG-7781");
  }
}

CsvStyle fahrenheit_quoted() {
  CsvStyle style;
  style.fahrenheit = true;
  style.quoted = true;
  style.serial_column = false;
  return style;
}
CsvStyle tabs_in_new_york() {
  CsvStyle style;
  style.separator = '\t';
  style.zone = "America/New_York";
  return style;
}

INSTANTIATE_TEST_SUITE_P(Styles, SimulatorVariants,
                         ::testing::Values(CsvStyle::plain(), CsvStyle::european(), fahrenheit_quoted(),
                                           tabs_in_new_york()));

}  // namespace
}  // namespace cj::hardware
