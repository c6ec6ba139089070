// Temperature evidence end to end (docs/coldchain.md): a logger's file imported or its readings
// pushed live to a real server on a real database; excursions and gaps raised as deviations
// (in the QA inbox and on the board), each reading and each deviation recorded once.
#include <filesystem>
#include <cstring>
#include <fstream>

#include <unistd.h>

#include <boost/json.hpp>
#include <cairo.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "hardware/simulators/logger_simulator.h"
#include "server/temperature/chart_zone.h"
#include "server/temperature/evidence.h"
#include "tests/support/http_client.h"
#include "tests/support/journey_world.h"
#include "tests/support/server_process.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono;

class TemperatureEvidenceTest : public JourneySuite {
 protected:
  // A shipper logger on the way to the cell lab: every 5 min at -185 °C from 2026-11-18 06:00 UTC.
  static hardware::LoggerSimulator shipper_logger(const std::string& serial) {
    return hardware::LoggerSimulator(serial, sys_days{2026y / 11 / 18} + hours{6}, minutes{5}, -185.0);
  }

  static HttpReply import(const World& w, const std::string& coi, const std::string& csv, const std::string& query) {
    return http_request(port(), "POST", "/api/v1/journeys/" + coi + "/temperature" + query, csv, "text/csv",
                        log_in(w.coordinator).authorization());
  }

  static json::array deviations_of(const World& w, const std::string& coi) {
    auto reply = log_in(w.coordinator).get("/api/v1/deviations?journey=" + coi);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body.at("deviations").as_array();
  }

  static std::string board_codes(const std::string& coi) {
    return sql("SELECT deviation_codes::text FROM board_rows b JOIN journeys j ON j.id = b.journey_id WHERE j.coi = $1",
               coi);
  }
};

TEST_F(TemperatureEvidenceTest, ABreachInTheShipperLogIsATempExcursionWithMinMaxDurationAndWindow) {
  const World w = seed_world("te1", "T0001");
  const std::string coi = new_journey(w, "MRNTE001");
  auto logger = shipper_logger("LOG-TE1");
  logger.record(hours{4});
  logger.record(minutes{25}, -141.5);  // 5 readings above Kymriah's shipper limit (-150 °C at the test site)
  logger.record(hours{2});
  const HttpReply reply =
      import(w, coi, logger.csv(hardware::CsvStyle::european()), "?zone=Europe/Berlin&shipper=SHIP-te1");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body).at("deviations_raised").as_array().size(), 1u);

  const json::array deviations = deviations_of(w, coi);
  ASSERT_EQ(deviations.size(), 1u);
  const json::object& d = deviations[0].as_object();
  EXPECT_EQ(d.at("code"), "TEMP_EXCURSION");
  EXPECT_EQ(d.at("rule"), "core/shipper-logger");
  EXPECT_EQ(d.at("message"),
            "logger LOG-TE1: 5 readings above the limit -150 °C (min -141.5 °C, max -141.5 °C) for 25 min, from "
            "2026-11-18T10:00:00Z to 2026-11-18T10:25:00Z");
  EXPECT_EQ(board_codes(coi), "{TEMP_EXCURSION}");
}

TEST_F(TemperatureEvidenceTest, ASilentLoggerRaisesATempDataGap) {
  const World w = seed_world("te2", "T0002");
  const std::string coi = new_journey(w, "MRNTE002");
  auto logger = shipper_logger("LOG-TE2");
  logger.record(hours{2});
  logger.pause(hours{2});  // nothing logged: the temperature then is unknown
  logger.record(hours{2});
  ASSERT_EQ(import(w, coi, logger.csv(hardware::CsvStyle::plain()), "").status, 200);
  const json::array deviations = deviations_of(w, coi);
  ASSERT_EQ(deviations.size(), 1u);
  EXPECT_EQ(deviations[0].at("code"), "TEMP_DATA_GAP");
  EXPECT_NE(std::string(deviations[0].at("message").as_string()).find("no readings for 2 h 5 min"), std::string::npos)
      << deviations[0].at("message");
  EXPECT_EQ(board_codes(coi), "{TEMP_DATA_GAP}");
}

TEST_F(TemperatureEvidenceTest, ACleanRecordRaisesNothing) {
  const World w = seed_world("te3", "T0003");
  const std::string coi = new_journey(w, "MRNTE003");
  auto logger = shipper_logger("LOG-TE3");
  logger.record(hours{8});
  const HttpReply reply = import(w, coi, logger.csv(hardware::CsvStyle::plain()), "");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body).at("recorded"), 96);
  EXPECT_TRUE(deviations_of(w, coi).empty());
  EXPECT_EQ(board_codes(coi), "{}");
}

TEST_F(TemperatureEvidenceTest, ImportingTheSameFileAgainRecordsNothingTwice) {
  const World w = seed_world("te4", "T0004");
  const std::string coi = new_journey(w, "MRNTE004");
  auto logger = shipper_logger("LOG-TE4");
  logger.record(hours{1});
  logger.record(minutes{10}, -120.0);
  logger.record(hours{1});
  const std::string csv = logger.csv(hardware::CsvStyle::plain());
  ASSERT_EQ(import(w, coi, csv, "").status, 200);
  const HttpReply again = import(w, coi, csv, "");
  ASSERT_EQ(again.status, 200) << again.body;
  const json::value body = json::parse(again.body);
  EXPECT_EQ(body.at("recorded"), 0);
  EXPECT_EQ(body.at("already_recorded"), 26);
  EXPECT_TRUE(body.at("deviations_raised").as_array().empty());
  EXPECT_EQ(sql("SELECT count(*)::text FROM temperature_readings WHERE logger_serial = $1", "LOG-TE4"), "26");
  EXPECT_EQ(deviations_of(w, coi).size(), 1u);
}

TEST_F(TemperatureEvidenceTest, AJourneyOfAnotherSiteIsNotFound) {
  const World mine = seed_world("te5", "T0005");
  const World theirs = seed_world("te6", "T0006");
  const std::string coi = new_journey(theirs, "MRNTE006");
  auto logger = shipper_logger("LOG-TE5");
  logger.record(hours{1});
  const HttpReply reply = import(mine, coi, logger.csv(hardware::CsvStyle::plain()), "");
  EXPECT_EQ(reply.status, 404) << reply.body;
  EXPECT_EQ(http_request(port(), "GET", "/api/v1/journeys/" + coi + "/temperature", "", "application/json",
                         log_in(mine.coordinator).authorization())
                .status,
            404);
}

TEST_F(TemperatureEvidenceTest, AFileWithABadRowIsRefusedWholeWithTheRowsLine) {
  const World w = seed_world("te7", "T0007");
  const std::string coi = new_journey(w, "MRNTE007");
  const std::string csv =
      "Timestamp,Temperature (°C),Serial\n2026-11-18T06:00:00Z,-185,LOG-TE7\n"
      "2026-11-18T06:05:00Z,cold,LOG-TE7\n";
  const HttpReply reply = import(w, coi, csv, "");
  ASSERT_EQ(reply.status, 422) << reply.body;
  const json::value body = json::parse(reply.body);
  EXPECT_EQ(body.at("error").at("code"), "CSV_INVALID");
  EXPECT_EQ(body.at("error").at("rows").at(0).at("line"), 3);
  EXPECT_EQ(sql("SELECT count(*)::text FROM temperature_readings WHERE logger_serial = $1", "LOG-TE7"), "0");
}

TEST_F(TemperatureEvidenceTest, AStationPushesReadingsLiveAndARepeatedPushRecordsNothingNew) {
  const World w = seed_world("te8", "T0008");
  const std::string coi = new_journey(w, "MRNTE008");
  auto logger = hardware::LoggerSimulator("FRZ-TE8", sys_days{2026y / 11 / 19}, minutes{1}, -190.0);
  logger.record(minutes{30});
  logger.record(minutes{3}, -110.0);  // Kymriah's storage limit is -120 °C
  logger.record(minutes{30});
  const json::value body =
      json::parse(logger.push_body("\"journey\":\"" + coi + "\",\"storage_position\":\"LN2-1/R2\""));
  auto first = station_of(w).post("/api/v1/temperature/readings", body);
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body.at("recorded"), 63);
  auto repeat = station_of(w).post("/api/v1/temperature/readings", body);
  ASSERT_EQ(repeat.status, 200) << repeat.raw;
  EXPECT_EQ(repeat.body.at("recorded"), 0);
  EXPECT_TRUE(repeat.body.at("deviations_raised").as_array().empty());
  const json::array deviations = deviations_of(w, coi);
  ASSERT_EQ(deviations.size(), 1u);
  EXPECT_EQ(deviations[0].at("rule"), "kymriah/storage");
}

TEST_F(TemperatureEvidenceTest, ALoggerSerialWithANulCharacterIsRefusedWith400AndRecordsNothing) {
  const World w = seed_world("te14", "T0014");
  const std::string coi = new_journey(w, "MRNTE014");
  json::object body{{"journey", coi},
                    {"logger", std::string("FRZ\0-TE14", 9)},
                    {"storage_position", "LN2-1"},
                    {"readings", json::array{json::object{{"at", "2026-11-19T00:00:00Z"}, {"celsius", -190}}}}};

  auto reply = station_of(w).post("/api/v1/temperature/readings", body);

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_field(), "logger") << reply.raw;
  EXPECT_EQ(sql("SELECT count(*)::text FROM temperature_readings r JOIN journeys j ON j.id = r.journey_id"
                " WHERE j.coi = $1",
                coi),
            "0");
}

TEST_F(TemperatureEvidenceTest, APushedReadingTimedWithMillisecondsIsRecordedToTheSecond) {
  const World w = seed_world("te13", "T0013");
  const std::string coi = new_journey(w, "MRNTE013");
  const json::value body =
      json::parse(R"({"journey": ")" + coi + R"(", "logger": "FRZ-TE13", "storage_position": "LN2-1",
      "readings": [{"at": "2026-11-19T00:00:00.250Z", "celsius": -190},
                   {"at": "2026-11-19T01:01:00.750+01:00", "celsius": -190}]})");

  auto reply = station_of(w).post("/api/v1/temperature/readings", body);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("recorded"), 2) << reply.raw;
  EXPECT_EQ(sql("SELECT string_agg(to_char(taken_at AT TIME ZONE 'UTC', 'HH24:MI:SS.US'), ',' ORDER BY taken_at) "
                "FROM temperature_readings r JOIN journeys j ON j.id = r.journey_id WHERE j.coi = $1",
                coi),
            "00:00:00.000000,00:01:00.000000");
}

TEST_F(TemperatureEvidenceTest, OneFreezerMonitorsReadingIsEvidenceForEveryJourneyWithABagInIt) {
  const World w = seed_world("te12", "T0012");
  auto monitor = hardware::LoggerSimulator("FRZ-TE12", sys_days{2026y / 11 / 19}, minutes{1}, -190.0);
  monitor.record(minutes{10});
  for (const std::string mrn : {"MRNTE121", "MRNTE122"}) {
    const std::string coi = new_journey(w, mrn);
    auto reply = station_of(w).post(
        "/api/v1/temperature/readings",
        json::parse(monitor.push_body("\"journey\":\"" + coi + "\",\"storage_position\":\"LN2-1\"")));
    ASSERT_EQ(reply.status, 200) << reply.raw;
    EXPECT_EQ(reply.body.at("recorded"), 10) << mrn;
  }
}

TEST_F(TemperatureEvidenceTest, TheCurveShowsReadingsLimitsAndExcursionsPerLogger) {
  const World w = seed_world("te9", "T0009");
  const std::string coi = new_journey(w, "MRNTE009");
  auto logger = shipper_logger("LOG-TE9");
  logger.record(hours{1});
  logger.record(minutes{10}, -140.0);
  logger.record(hours{1});
  ASSERT_EQ(import(w, coi, logger.csv(hardware::CsvStyle::plain()), "").status, 200);
  auto reply = log_in(w.coordinator).get("/api/v1/journeys/" + coi + "/temperature");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const json::object& series = reply.body.at("loggers").at(0).as_object();
  EXPECT_EQ(series.at("logger"), "LOG-TE9");
  EXPECT_EQ(series.at("limits").at("max_c"), -150.0);
  EXPECT_EQ(series.at("readings").as_array().size(), 26u);
  EXPECT_EQ(series.at("interval_s"), 300);
  EXPECT_EQ(series.at("excursions").at(0).at("from"), "2026-11-18T07:00:00Z");
  EXPECT_EQ(series.at("excursions").at(0).at("duration_s"), 600);
}

// The PNG decoded by cairo (width x height), or 0 x 0 when it is not a PNG.
std::pair<int, int> png_size(const std::string& bytes) {
  struct Reader {
    const std::string& data;
    std::size_t at = 0;
  } reader{bytes};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* out, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->at + length > r->data.size()) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(out, r->data.data() + r->at, length);
        r->at += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  std::pair<int, int> size{0, 0};
  if (cairo_surface_status(image) == CAIRO_STATUS_SUCCESS) {
    size = {cairo_image_surface_get_width(image), cairo_image_surface_get_height(image)};
  }
  cairo_surface_destroy(image);
  return size;
}

TEST_F(TemperatureEvidenceTest, TheCurveIsAPngOfTheAskedSize) {
  const World w = seed_world("te11", "T0011");
  const std::string coi = new_journey(w, "MRNTE011");
  auto logger = shipper_logger("LOG-TE11");
  logger.record(hours{1});
  logger.record(minutes{10}, -140.0);
  logger.pause(hours{1});
  logger.record(hours{1});
  ASSERT_EQ(import(w, coi, logger.csv(hardware::CsvStyle::plain()), "").status, 200);
  const std::string token = log_in(w.coordinator).authorization();
  const HttpReply reply =
      http_request(port(), "GET", "/api/v1/journeys/" + coi + "/temperature.png?width=640&height=320", "", "", token);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "image/png");
  EXPECT_EQ(png_size(reply.body), std::make_pair(640, 320));
  EXPECT_EQ(png_size(http_request(port(), "GET", "/api/v1/journeys/" + coi + "/temperature.png", "", "", token).body),
            std::make_pair(900, 400));
  EXPECT_EQ(
      http_request(port(), "GET", "/api/v1/journeys/" + coi + "/temperature.png?width=99999", "", "", token).status,
      400);
}

// The pages show a site's times in its zone; the curve's axis too (docs/coldchain.md).
TEST_F(TemperatureEvidenceTest, TheCurveAxisIsInTheSiteZoneWithItsOffsetChangesFromPostgresql) {
  const World w = seed_world("te19", "T0019");
  sql("UPDATE sites SET time_zone = 'Europe/Zurich' WHERE code = 'te19'");
  const std::int64_t site_id = std::stoll(sql("SELECT id::text FROM sites WHERE code = 'te19'"));
  temperature::JourneyEvidence evidence;
  evidence.series.emplace_back();
  for (const char* t : {"2026-03-28T22:00:00Z", "2026-03-29T04:00:00Z"}) {
    evidence.series.back().series.samples.push_back({*workflows::parse_time(t), -185.0});
  }
  pqxx::connection conn(uri());
  pqxx::read_transaction tx(conn);
  const temperature::ChartZone zone = temperature::site_chart_zone(tx, site_id, evidence);
  EXPECT_EQ(zone.name, "Europe/Zurich");
  ASSERT_EQ(zone.offsets.size(), 2u);  // winter time, then summer time from 01:00Z
  EXPECT_EQ(zone.offsets[0].second, hours{1});
  EXPECT_EQ(zone.offsets[1].first, *workflows::parse_time("2026-03-29T01:00:00Z"));
  EXPECT_EQ(zone.offsets[1].second, hours{2});
  // A site left in UTC draws UTC.
  sql("UPDATE sites SET time_zone = 'UTC' WHERE code = 'te19'");
  const temperature::ChartZone utc = temperature::site_chart_zone(tx, site_id, evidence);
  EXPECT_EQ(utc.name, "UTC");
  EXPECT_EQ(utc.offset_at(*workflows::parse_time("2026-03-29T02:00:00Z")), seconds{0});
  (void)w;
}

TEST_F(TemperatureEvidenceTest, TheCommandLineImportsAFileLikeTheApiAndRefusesABadOneWhole) {
  const World w = seed_world("te10", "T0010");
  const std::string coi = new_journey(w, "MRNTE010");
  auto logger = shipper_logger("LOG-TE10");
  logger.record(hours{1});
  logger.record(minutes{15}, -130.0);
  logger.record(hours{1});
  const auto dir = std::filesystem::temp_directory_path() / ("cj-temperature-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string good = (dir / "good.csv").string(), bad = (dir / "bad.csv").string();
  std::ofstream(good) << logger.csv(hardware::CsvStyle::european());
  std::ofstream(bad)
      << "Timestamp,Temp C,Serial\n2026-11-18T06:00:00Z,-185,LOG-TE10B\n2026-11-18 06:05,-185,LOG-TE10B\n";

  const auto refused = run_celljourney({"temperature", "import", bad, "--journey", coi, "--database", uri()});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find(bad + ":3: "), std::string::npos) << refused.output;
  const auto imported = run_celljourney({"temperature", "import", good, "--journey", coi, "--zone", "Europe/Berlin",
                                         "--shipper", "SHIP-te10", "--database", uri()});
  EXPECT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("27 readings recorded, 0 already recorded, 1 deviations raised"), std::string::npos)
      << imported.output;
  EXPECT_EQ(deviations_of(w, coi).at(0).at("code"), "TEMP_EXCURSION");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cj::testing
