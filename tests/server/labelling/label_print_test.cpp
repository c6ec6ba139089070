// POST /api/v1/labels/{din}/print and the print record: printing to a printer simulator on
// loopback (a real socket), a closed port, reprints and their reasons, the history, and the
// printers an administrator registers.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "hardware/simulators/printer_simulator.h"
#include "tests/server/labelling/label_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class LabelPrintTest : public LabelSuite {
 protected:
  static json::object print_body(const std::string& printer, const std::string& reason = {}) {
    json::object body{{"template", "apheresis-bag"}, {"printer", printer}};
    if (!reason.empty()) body["reason"] = reason;
    return body;
  }
  // A loopback port nobody listens on (a simulator's, after it stopped).
  static std::uint16_t closed_port() {
    hardware::PrinterSimulator gone;
    return gone.port();
  }
};

TEST_F(LabelPrintTest, AJobSentToThePrinterArrivesWholeAndIsRecordedPrinted) {
  const auto bag = collected_bag("lp1", "P0001", "A999926610001");
  hardware::PrinterSimulator zebra;
  add_printer("lp1", "AP-ZEBRA-1", "tcp://127.0.0.1:" + std::to_string(zebra.port()));
  auto nurse = log_in(bag.world.nurse);

  auto reply = nurse.post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA-1"));

  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.text("outcome"), "printed");
  EXPECT_EQ(reply.text("template"), "apheresis-bag");
  EXPECT_EQ(reply.body.at("template_version").as_int64(), 2);
  EXPECT_EQ(reply.body.at("reprint").as_int64(), 0);
  EXPECT_EQ(reply.text("printer"), "AP-ZEBRA-1");
  EXPECT_EQ(reply.text("user"), bag.world.nurse);
  EXPECT_EQ(reply.text("unit"), bag.din + "/" + kBagProductCode);
  EXPECT_EQ(reply.text("journey"), bag.coi);
  EXPECT_EQ(reply.body.at("data").at("coi").at("sequence").as_string(), bag.coi.substr(9));
  ASSERT_TRUE(zebra.wait_for_jobs(1, 5s));
  const auto job = zebra.jobs().front();
  EXPECT_EQ(static_cast<std::int64_t>(job.size()), reply.body.at("bytes").as_int64());
  // The same label as the ZPL the API renders at the printer's 203 dpi, byte for byte.
  auto zpl = fetch(nurse, "/api/v1/labels/" + bag.din + ".zpl?template=apheresis-bag&dpi=203");
  EXPECT_EQ(job, zpl.body);
  EXPECT_EQ(sql("SELECT outcome FROM label_prints WHERE id = $1", json::serialize(reply.body.at("id"))), "printed");
}

TEST_F(LabelPrintTest, TheRecordKeepsTheDataPrintedWithTimesInTheLabelTimeZone) {
  const auto bag = collected_bag("lp13", "P0013", "A999926730001");
  hardware::PrinterSimulator zebra;
  add_printer("lp13", "AP-ZEBRA", "tcp://127.0.0.1:" + std::to_string(zebra.port()));
  sql("INSERT INTO settings (key, value) VALUES ('labels.time_zone', 'Europe/Berlin')");
  auto reply = log_in(bag.world.nurse).post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA"));
  sql("DELETE FROM settings WHERE key = 'labels.time_zone'");  // the suite's other tests print in UTC

  ASSERT_EQ(reply.status, 201) << reply.raw;
  // Collected 2026-10-05T12:00:00Z: summer time in Berlin.
  const auto& data = reply.body.at("data");
  EXPECT_EQ(data.at("collected"),
            (json::object{{"local", "2026-10-05T14:00"}, {"zone", "CEST"}, {"utc_offset_minutes", 120}}));
  EXPECT_EQ(data.at("din"), (json::object{{"fin", "A9999"}, {"year", 26}, {"sequence", 730001}}));
  EXPECT_EQ(data.at("product"), (json::object{{"pdc", "S1194"}, {"collection_type", "1"}, {"division", "00"}}));
  EXPECT_EQ(data.at("patient").at("id"), "MRN12345") << "the wristband text scans are matched against";
  EXPECT_TRUE(data.at("link").as_string().ends_with("/journeys/" + bag.coi));
  EXPECT_EQ(sql("SELECT data::text FROM label_prints WHERE id = $1", json::serialize(reply.body.at("id"))),
            sql("SELECT $1::jsonb::text", json::serialize(data)));
  ASSERT_TRUE(zebra.wait_for_jobs(1, 5s));
  EXPECT_NE(zebra.jobs().front().find("2026-10-05 14:00 CEST"), std::string::npos);
}

TEST_F(LabelPrintTest, APrinterThatRefusesTheConnectionIsRecordedFailedAndAnswersAnError) {
  const auto bag = collected_bag("lp2", "P0002", "A999926620001");
  add_printer("lp2", "AP-OFF", "tcp://127.0.0.1:" + std::to_string(closed_port()));

  auto reply = log_in(bag.world.nurse).post("/api/v1/labels/" + bag.din + "/print", print_body("AP-OFF"));

  EXPECT_EQ(reply.status, 502) << reply.raw;
  EXPECT_EQ(reply.error_code(), "PRINT_FAILED");
  ASSERT_TRUE(reply.body.as_object().contains("print")) << reply.raw;
  const auto& record = reply.body.at("print").as_object();
  EXPECT_EQ(record.at("outcome").as_string(), "failed");
  EXPECT_FALSE(record.at("error").as_string().empty());
  const auto id = json::serialize(record.at("id"));
  EXPECT_EQ(sql("SELECT outcome || ':' || (error <> '')::text FROM label_prints WHERE id = $1", id), "failed:true");
}

TEST_F(LabelPrintTest, AFailedPrintIsNotAPrintSoTheNextAttemptNeedsNoReason) {
  const auto bag = collected_bag("lp3", "P0003", "A999926630001");
  add_printer("lp3", "AP-OFF", "tcp://127.0.0.1:" + std::to_string(closed_port()));
  hardware::PrinterSimulator zebra;
  add_printer("lp3", "AP-ZEBRA", "tcp://127.0.0.1:" + std::to_string(zebra.port()));
  auto nurse = log_in(bag.world.nurse);
  ASSERT_EQ(nurse.post("/api/v1/labels/" + bag.din + "/print", print_body("AP-OFF")).status, 502);

  auto reply = nurse.post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA"));

  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.body.at("reprint").as_int64(), 0);
}

TEST_F(LabelPrintTest, AReprintWithoutAReasonIsRefusedAndNothingIsSent) {
  const auto bag = collected_bag("lp4", "P0004", "A999926640001");
  hardware::PrinterSimulator zebra;
  add_printer("lp4", "AP-ZEBRA", "tcp://127.0.0.1:" + std::to_string(zebra.port()));
  auto nurse = log_in(bag.world.nurse);
  ASSERT_EQ(nurse.post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA")).status, 201);
  ASSERT_TRUE(zebra.wait_for_jobs(1, 5s));

  auto reply = nurse.post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA"));

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "REASON_REQUIRED");
  EXPECT_EQ(reply.error_field(), "reason");
  EXPECT_FALSE(zebra.wait_for_jobs(2, 300ms));
  EXPECT_EQ(sql("SELECT count(*) FROM label_prints p JOIN units u ON u.id = p.unit_id WHERE u.din = $1", bag.din), "1");
}

TEST_F(LabelPrintTest, ReprintsWithAReasonAreCountedOneTwo) {
  const auto bag = collected_bag("lp5", "P0005", "A999926650001");
  hardware::PrinterSimulator zebra;
  add_printer("lp5", "AP-ZEBRA", "tcp://127.0.0.1:" + std::to_string(zebra.port()));
  auto nurse = log_in(bag.world.nurse);
  const std::string target = "/api/v1/labels/" + bag.din + "/print";
  ASSERT_EQ(nurse.post(target, print_body("AP-ZEBRA")).status, 201);

  auto first = nurse.post(target, print_body("AP-ZEBRA", "label smudged"));
  auto second = log_in(bag.world.coordinator).post(target, print_body("AP-ZEBRA", "bag relabelled after spill"));

  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(first.body.at("reprint").as_int64(), 1);
  EXPECT_EQ(first.text("reason"), "label smudged");
  ASSERT_EQ(second.status, 201) << second.raw;
  EXPECT_EQ(second.body.at("reprint").as_int64(), 2);
  EXPECT_TRUE(zebra.wait_for_jobs(3, 5s));
  auto history = nurse.get("/api/v1/labels/" + bag.din + "/prints");
  ASSERT_EQ(history.status, 200) << history.raw;
  const auto& prints = history.body.at("prints").as_array();
  ASSERT_EQ(prints.size(), 3u);
  EXPECT_EQ(prints[0].at("reprint").as_int64(), 0);
  EXPECT_EQ(prints[2].at("user").as_string(), bag.world.coordinator);
  EXPECT_EQ(prints[2].at("reason").as_string(), "bag relabelled after spill");
}

TEST_F(LabelPrintTest, ThePrintHistoryShowsTheMrnToTheNurseAndTheInitialsToQa) {
  const auto bag = collected_bag("lp20", "P0020", "A999926800001");
  add_user("quinn.lp20", {"qa@lp20"});
  hardware::PrinterSimulator zebra;
  add_printer("lp20", "AP-ZEBRA", "tcp://127.0.0.1:" + std::to_string(zebra.port()));
  auto printed = station_of(bag.world).post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA"));
  ASSERT_EQ(printed.status, 201) << printed.raw;

  auto nurse = log_in(bag.world.nurse).get("/api/v1/labels/" + bag.din + "/prints");
  auto qa = log_in("quinn.lp20").get("/api/v1/labels/" + bag.din + "/prints");

  ASSERT_EQ(nurse.status, 200) << nurse.raw;
  ASSERT_EQ(qa.status, 200) << qa.raw;
  EXPECT_EQ(nurse.body.at("prints").at(0).at("data").at("patient").at("mrn"), "MRN12345");
  EXPECT_TRUE(qa.body.at("prints").at(0).at("data").at("patient").at("mrn").is_null()) << qa.raw;
  EXPECT_EQ(qa.body.at("prints").at(0).at("data").at("patient").at("initials"), "JD");
  EXPECT_EQ(qa.raw.find("MRN12345"), std::string::npos) << qa.raw;
  EXPECT_EQ(printed.raw.find("MRN12345"), std::string::npos) << printed.raw;  // the station's answer
}

TEST_F(LabelPrintTest, AStationPrintIsRecordedWithTheStation) {
  const auto bag = collected_bag("lp6", "P0006", "A999926660001");
  hardware::PrinterSimulator zebra;
  add_printer("lp6", "AP-ZEBRA", "tcp://127.0.0.1:" + std::to_string(zebra.port()));

  auto reply = station_of(bag.world).post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA"));

  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.text("station"), bag.world.station);
  EXPECT_TRUE(reply.body.at("user").is_null());
}

TEST_F(LabelPrintTest, AnAddressInsteadOfARegisteredPrinterNameIsNeverConnectedTo) {
  const auto bag = collected_bag("lp7", "P0007", "A999926670001");
  hardware::PrinterSimulator listener;

  auto reply = log_in(bag.world.nurse)
                   .post("/api/v1/labels/" + bag.din + "/print",
                         print_body("tcp://127.0.0.1:" + std::to_string(listener.port())));

  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_PRINTER");
  EXPECT_FALSE(listener.wait_for_jobs(1, 300ms));
}

TEST_F(LabelPrintTest, AnotherSitesPrinterCannotBeUsed) {
  const auto bag = collected_bag("lp8", "P0008", "A999926680001");
  const World elsewhere = seed_world("lp8b", "P0081");
  hardware::PrinterSimulator theirs;
  add_printer("lp8b", "THEIR-ZEBRA", "tcp://127.0.0.1:" + std::to_string(theirs.port()));

  auto reply = log_in(bag.world.nurse).post("/api/v1/labels/" + bag.din + "/print", print_body("THEIR-ZEBRA"));

  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_PRINTER");
}

TEST_F(LabelPrintTest, PrintingAUnitOfAnotherSiteIsNotFound) {
  const auto bag = collected_bag("lp9", "P0009", "A999926690001");
  const World elsewhere = seed_world("lp9b", "P0091");

  auto reply = log_in(elsewhere.nurse).post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA"));
  auto history = log_in(elsewhere.nurse).get("/api/v1/labels/" + bag.din + "/prints");

  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_UNIT");
  EXPECT_EQ(history.status, 404) << history.raw;
}

TEST_F(LabelPrintTest, ARecordedOutcomeCannotBeRewrittenNorTheRecordDeleted) {
  const auto bag = collected_bag("lp10", "P0010", "A999926700001");
  add_printer("lp10", "AP-OFF", "tcp://127.0.0.1:" + std::to_string(closed_port()));
  auto reply = log_in(bag.world.nurse).post("/api/v1/labels/" + bag.din + "/print", print_body("AP-OFF"));
  ASSERT_EQ(reply.status, 502) << reply.raw;
  const auto id = json::serialize(reply.body.at("print").at("id"));

  EXPECT_ANY_THROW(sql("UPDATE label_prints SET outcome = 'printed', error = NULL WHERE id = $1", id));
  EXPECT_ANY_THROW(sql("DELETE FROM label_prints WHERE id = $1", id));
  EXPECT_EQ(sql("SELECT outcome FROM label_prints WHERE id = $1", id), "failed");
}

TEST_F(LabelPrintTest, AnUnconfirmedPrintCountsAsPrintedForReprints) {
  const auto bag = collected_bag("lp11", "P0011", "A999926710001");
  hardware::PrinterSimulator zebra;
  add_printer("lp11", "AP-ZEBRA", "tcp://127.0.0.1:" + std::to_string(zebra.port()));
  // What a crash between sending and recording leaves behind: an attempt without an outcome.
  sql("INSERT INTO label_prints (journey_id, unit_id, template, template_version, data, format, dpi, printer_id,"
      " printer_uri, user_id, reprint, bytes) SELECT u.journey_id, u.id, 'apheresis-bag', 1, '{}', 'zpl', 203, p.id,"
      " p.uri, us.id, 0, 0 FROM units u, printers p, users us WHERE u.din = $1 AND p.name = 'AP-ZEBRA'"
      " AND p.site_id = (SELECT id FROM sites WHERE code = 'lp11') AND us.username = 'ann.lp11'",
      bag.din);
  auto nurse = log_in(bag.world.nurse);

  auto refused = nurse.post("/api/v1/labels/" + bag.din + "/print", print_body("AP-ZEBRA"));
  auto history = nurse.get("/api/v1/labels/" + bag.din + "/prints");

  EXPECT_EQ(refused.status, 400) << refused.raw;
  EXPECT_EQ(refused.error_code(), "REASON_REQUIRED");
  ASSERT_EQ(history.status, 200) << history.raw;
  EXPECT_EQ(history.body.at("prints").at(0).at("outcome").as_string(), "unconfirmed");
}

TEST_F(LabelPrintTest, PrinterAddRefusesAnAddressItCannotUseAndADuplicateName) {
  seed_world("lp12", "P0012");
  add_printer("lp12", "AP-ZEBRA", "tcp://127.0.0.1:9100");

  auto bad = run_celljourney(
      {"printer", "add", "--site", "lp12", "--name", "X", "--uri", "http://evil/", "--database", uri()});
  auto twice = run_celljourney(
      {"printer", "add", "--site", "lp12", "--name", "AP-ZEBRA", "--uri", "tcp://127.0.0.1:9101", "--database", uri()});
  auto list = run_celljourney({"printer", "list", "--site", "lp12", "--database", uri()});

  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("printer address"), std::string::npos) << bad.output;
  EXPECT_EQ(twice.exit_code, 1) << twice.output;
  EXPECT_NE(twice.output.find("already"), std::string::npos) << twice.output;
  EXPECT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find("AP-ZEBRA\ttcp://127.0.0.1:9100\tzpl\t203 dpi"), std::string::npos) << list.output;
  EXPECT_EQ(sql("SELECT action FROM admin_log WHERE subject = 'lp12/AP-ZEBRA'"), "printer.add");
}

}  // namespace
}  // namespace cj::testing
