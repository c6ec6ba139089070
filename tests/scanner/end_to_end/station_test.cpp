// celljourney-station end to end: the real station program, fed like a keyboard-wedge scanner,
// against a real `celljourney serve` on a real PostgreSQL. What is scanned reaches the journey;
// bad codes never leave the station; with the server down or the station killed -9, every scan
// set still reaches the server exactly once.
#include <csignal>

#include <gtest/gtest.h>

#include "hardware/simulators/serial_simulator.h"
#include "server/storage/subprocess.h"
#include "tests/scanner/end_to_end/station_suite.h"
#include "tests/support/station_process.h"
#include "tests/support/journey_world.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {


class StationTest : public StationSuite {
 protected:
  // A journey with its order recorded and its apheresis bag (DIN din13) registered.
  struct Scene {
    World w;
    std::string coi;
    std::string din;  // 13 characters
    std::string coi_scan() const { return "&/" + coi; }
    std::string bag_scan() const { return "=" + din + "00"; }
    std::string wristband_scan() const { return "&#0008MRN12345"; }
  };

  static Scene scene(const std::string& tag, const std::string& fin, const std::string& din) {
    Scene s{seed_world(tag, fin), "", din};
    give_badge_and_pin(s.w, s.w.nurse);
    s.coi = new_journey(s.w);
    add_apheresis_bag(s.w, s.coi, din);
    desk_event(s.w.coordinator, s.coi, order_event(s.w, s.coi, tag + "-order"));
    return s;
  }

  static std::string config(const Scene& s, unsigned short server_port) {
    return "# written by station_test\n"
           "server = http://127.0.0.1:" +
           std::to_string(server_port) + "\n" + "station = " + s.w.station + "\n" + "key = " + s.w.station_key + "\n" +
           "site = " + s.w.site + "\n" +
           "outbox = outbox.jsonl\n"
           "step = menu\n"
           "menu = apheresis.collect, apheresis.label\n"
           "needs.apheresis.collect = coi, din, wristband\n"
           "needs.apheresis.label = coi, din\n"
           "input = stdin\n"
           "timeout = 5\n"
           "retry_max = 1\n";
  }

  // "apheresis.collect,apheresis.label": the journey's events after the order, in order.
  static std::string steps_after_order(const Scene& s) {
    auto journey = log_in(s.w.coordinator).get("/api/v1/journeys/" + s.coi);
    EXPECT_EQ(journey.status, 200) << journey.raw;
    std::string steps;
    if (journey.status != 200) return steps;
    for (const auto& event : journey.body.at("events").as_array()) {
      const std::string step(event.at("step").as_string());
      if (step == "order") continue;
      steps += (steps.empty() ? "" : ",") + step;
    }
    return steps;
  }

  // The nurse signs in: her badge, then her PIN; the screen then shows her name.
  static void sign_in(StationProcess& station, const Scene& s, int times = 1) {
    station.scan(badge_of(s.w.nurse));
    station.scan(kTestPin);
    ASSERT_TRUE(station.wait_for("Signed in.", times)) << station.output();
  }

  // The collection: the COI, YES (the right patient), the bag, the wristband, the volume, YES
  // (the summary). Waits for each screen while the server answers; offline the station asks
  // nothing about the journey, and the YES to it is then refused on the spot and harmless.
  static void scan_collection(StationProcess& station, const Scene& s, bool online = true) {
    station.scan("1");  // menu: apheresis.collect
    station.scan("]C0" + s.coi_scan());
    if (online) {
      ASSERT_TRUE(station.wait_for("Is this the right patient and product?")) << station.output();
      station.scan("YES");
    }
    station.scan("]C0" + s.bag_scan());
    station.scan(s.wristband_scan());
    station.scan("450");
    station.scan("YES");
  }
  static void scan_labelling(StationProcess& station, const Scene& s, bool online = true) {
    station.scan("MENU");
    station.scan("2");  // apheresis.label
    station.scan(s.coi_scan());
    if (online) {
      ASSERT_TRUE(station.wait_for("Is this the right patient and product?", 2)) << station.output();
      station.scan("YES");
    }
    station.scan(s.bag_scan());
  }
};

TEST_F(StationTest, AScanSetFromAWedgeScannerIsAcceptedAndRecordedInTheJourney) {
  const Scene s = scene("st1", "T0001", "A999926510001");
  TempDir dir;
  StationProcess station(dir.path(), config(s, port()));
  ASSERT_TRUE(station.started());
  sign_in(station, s);

  scan_collection(station, s);

  ASSERT_TRUE(station.wait_for("ACCEPTED")) << station.output();
  station.close_input();
  EXPECT_EQ(station.wait_exit(), 0) << station.output();
  EXPECT_EQ(count_of(station.output(), "next step: Apheresis bag labelled with the journey's COI"), 1)
      << "the server's next expected step is shown by its title";
  EXPECT_EQ(steps_after_order(s), "apheresis.collect");
  EXPECT_EQ(recorded(s.coi), "2/0");
  EXPECT_EQ(sql("SELECT scans::text FROM events e JOIN journeys j ON j.id = e.journey_id "
                "WHERE j.coi = $1 AND e.step = 'apheresis.collect'",
                s.coi),
            std::string("{")
                .append(s.coi_scan())
                .append(",")
                .append(s.bag_scan())
                .append(",")
                .append(s.wristband_scan())
                .append("}"))
      << "the scans go as read, without the AIM identifier";
}

TEST_F(StationTest, AWrongCheckCharacterIsRejectedAtTheStationAndNothingIsSent) {
  const Scene s = scene("st2", "T0002", "A999926510002");
  TempDir dir;
  StationProcess station(dir.path(), config(s, port()));
  ASSERT_TRUE(station.started());
  sign_in(station, s);
  std::string bad = "=A99992651000260";  // Type 3 flags 60 do not check this DIN

  station.scan("1");
  station.scan(s.coi_scan());
  ASSERT_TRUE(station.wait_for("Is this the right patient and product?")) << station.output();
  station.scan("YES");
  station.scan(bad);

  ASSERT_TRUE(station.wait_for("rejected at the station: CHECK_FAILED")) << station.output();
  station.close_input();
  EXPECT_EQ(station.wait_exit(), 0) << station.output();
  EXPECT_EQ(count_of(station.output(), "SAVED"), 0) << station.output();
  EXPECT_EQ(recorded(s.coi), "1/0") << "only the order: nothing left the station";
}

TEST_F(StationTest, ARefusalByTheServerIsShownAsRefusedWithItsReason) {
  const Scene s = scene("st3", "T0003", "A999926510003");
  TempDir dir;
  StationProcess station(dir.path(), config(s, port()));
  ASSERT_TRUE(station.started());
  sign_in(station, s);

  station.scan("1");
  station.scan(s.coi_scan());
  ASSERT_TRUE(station.wait_for("Is this the right patient and product?")) << station.output();
  station.scan("YES");
  station.scan("=A99992651999900");  // a bag of no journey: passes the local check, not the server's
  station.scan(s.wristband_scan());
  station.scan("450");
  station.scan("YES");

  ASSERT_TRUE(station.wait_for("REFUSED")) << station.output();
  EXPECT_TRUE(station.wait_for("UNIT_NOT_IN_JOURNEY")) << "the code, in the log" << station.output();
  station.close_input();
  EXPECT_EQ(station.wait_exit(), 0) << station.output();
  EXPECT_EQ(recorded(s.coi), "1/1") << "the refusal itself is recorded";
}

TEST_F(StationTest, ScanSetsSavedWhileTheServerIsDownReachItExactlyOnceWhenItIsBack) {
  const Scene s = scene("st4", "T0004", "A999926510004");
  const unsigned short server_port = free_port();
  auto server =
      std::make_unique<ServerProcess>(with_centre_key({"--database", uri(), "--port", std::to_string(server_port)}));
  ASSERT_TRUE(server->started()) << server->output();
  TempDir dir;
  StationProcess station(dir.path(), config(s, server_port));
  ASSERT_TRUE(station.started());
  sign_in(station, s);
  ASSERT_EQ(server->stop(), 0);

  scan_collection(station, s, false);
  ASSERT_TRUE(station.wait_for("SAVED - NOT YET CONFIRMED")) << station.output();
  scan_labelling(station, s, false);
  ASSERT_TRUE(station.wait_for("SAVED", 3)) << station.output();  // + the "SAVED - NOT YET" line
  ASSERT_TRUE(station.wait_for("not answered", 2)) << "the sender retried while the server was down";
  server =
      std::make_unique<ServerProcess>(with_centre_key({"--database", uri(), "--port", std::to_string(server_port)}));
  ASSERT_TRUE(server->started()) << server->output();
  station.close_input();

  EXPECT_EQ(station.wait_exit(), 0) << station.output();
  EXPECT_EQ(steps_after_order(s), "apheresis.collect,apheresis.label") << "both, once each, in order";
  EXPECT_EQ(recorded(s.coi), "3/0");
}

TEST_F(StationTest, AStationKilledAfterSavingSendsTheScanSetExactlyOnceAfterRestart) {
  const Scene s = scene("st5", "T0005", "A999926510005");
  TempDir dir;
  {
    // The hook keeps the sender from sending: the set is in the outbox and nowhere else when
    // the station dies.
    StationProcess station(dir.path(), config(s, port()), {{"CELLJOURNEY_STATION_TEST_HOLD", "1"}});
    ASSERT_TRUE(station.started());
    sign_in(station, s);
    scan_collection(station, s);
    ASSERT_TRUE(station.wait_for("SAVED")) << station.output();
    station.kill9();
  }
  EXPECT_EQ(recorded(s.coi), "1/0") << "nothing was sent before the kill";

  StationProcess restarted(dir.path(), config(s, port()));
  ASSERT_TRUE(restarted.started());
  restarted.close_input();

  EXPECT_EQ(restarted.wait_exit(), 0) << restarted.output();
  EXPECT_EQ(steps_after_order(s), "apheresis.collect");
  EXPECT_EQ(recorded(s.coi), "2/0");
}

TEST_F(StationTest, AStationKilledAfterTheServerAnsweredDoesNotRecordTheScanSetTwice) {
  const Scene s = scene("st6", "T0006", "A999926510006");
  TempDir dir;
  {
    // The hook kills the station (SIGKILL) after the server answered, before the answer is in
    // the outbox: after the restart it sends the same set again, with the same key.
    StationProcess station(dir.path(), config(s, port()), {{"CELLJOURNEY_STATION_TEST_KILL_AFTER_ANSWER", "1"}});
    ASSERT_TRUE(station.started());
    sign_in(station, s);
    scan_collection(station, s);
    EXPECT_EQ(station.wait_exit(), -SIGKILL) << station.output();
  }
  EXPECT_EQ(recorded(s.coi), "2/0") << "the server recorded it before the station died";

  StationProcess restarted(dir.path(), config(s, port()));
  ASSERT_TRUE(restarted.started());
  restarted.close_input();

  EXPECT_EQ(restarted.wait_exit(), 0) << restarted.output();
  EXPECT_TRUE(restarted.wait_for("ACCEPTED", 1, std::chrono::seconds(1))) << "the first answer, replayed";
  EXPECT_EQ(steps_after_order(s), "apheresis.collect");
  EXPECT_EQ(recorded(s.coi), "2/0");
}

TEST_F(StationTest, ALabelOfAnotherJourneyInTheSetIsRejectedAtTheStationAndCancelDropsTheSet) {
  const Scene s = scene("st8", "T0008", "A999926510008");
  const std::string other = new_journey(s.w, "MRN88888");
  TempDir dir;
  StationProcess station(dir.path(), config(s, port()));
  ASSERT_TRUE(station.started());
  sign_in(station, s);

  station.scan("2");  // apheresis.label: COI + bag
  station.scan(s.coi_scan());
  ASSERT_TRUE(station.wait_for("Is this the right patient and product?")) << station.output();
  station.scan("YES");
  station.scan("&/" + other);
  ASSERT_TRUE(station.wait_for("rejected at the station: WRONG_PATIENT")) << station.output();
  station.scan("CANCEL");
  ASSERT_TRUE(station.wait_for("Cancelled; nothing was saved.")) << station.output();
  station.scan(s.bag_scan());  // a new set: the bag alone is not complete without its COI
  station.close_input();

  EXPECT_EQ(station.wait_exit(), 0) << station.output();
  EXPECT_EQ(count_of(station.output(), "SAVED"), 0) << station.output();
  EXPECT_EQ(recorded(s.coi), "1/0");
  EXPECT_EQ(recorded(other), "0/0");
}

// Draws `text` as a DataMatrix PNG with zint (another encoder than the decoder's ZXing) and moves
// it into `folder` whole, as a phone's sync tool does.
bool drop_datamatrix_photo(const std::filesystem::path& work, const std::filesystem::path& folder,
                           const std::string& text) {
  const auto drawn = work / "label.png";
  const auto result = storage::run_command(
      {"/usr/bin/zint", "--barcode=71", "--scale=6", "--quietzones", "--data=" + text, "--output=" + drawn.string()},
      {}, std::chrono::seconds(30));
  if (!result.ok() || !result->succeeded()) return false;
  std::filesystem::rename(drawn, folder / "label.png");
  return true;
}

TEST_F(StationTest, ASerialScannerAndAPhotoFolderTogetherCompleteAScanSetThatIsRecorded) {
  const Scene s = scene("st7", "T0007", "A999926510007");
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "photos");
  hardware::SerialScannerSimulator scanner((dir.path() / "scanner").string());
  std::string text = config(s, port());
  text += "input = serial " + scanner.link_path() + " 9600\n";
  text += "input = folder " + (dir.path() / "photos").string() + "\n";
  StationProcess station(dir.path(), text);
  ASSERT_TRUE(station.started());
  sign_in(station, s);
  station.scan("1");  // the nurse chooses the collection on the keyboard
  ASSERT_TRUE(station.wait_for("READY [Apheresis collection")) << "the station runs and watches the folder";

  // The bag label's compound DataMatrix holds the DIN and the COI; the wristband is read by the
  // serial scanner, with its AIM identifier and a CR.
  const std::string compound = "=+02000" + s.bag_scan() + s.coi_scan();
  ASSERT_TRUE(drop_datamatrix_photo(dir.path(), dir.path() / "photos", compound));
  ASSERT_TRUE(station.wait_for("Is this the right patient and product?")) << station.output();
  station.scan("YES");
  ASSERT_TRUE(scanner.scan("]C0" + s.wristband_scan(), "\r"));
  // The serial read first: typed too early, the volume would be read as a (wristband) code.
  ASSERT_TRUE(station.wait_for("Volume collected")) << station.output();

  station.scan("450");  // the volume
  station.scan("YES");  // the summary
  ASSERT_TRUE(station.wait_for("ACCEPTED")) << station.output();
  station.kill9();  // the serial input never ends by itself
  EXPECT_EQ(steps_after_order(s), "apheresis.collect");
  EXPECT_EQ(recorded(s.coi), "2/0");
  EXPECT_EQ(sql("SELECT scans::text FROM events e JOIN journeys j ON j.id = e.journey_id "
                "WHERE j.coi = $1 AND e.step = 'apheresis.collect'",
                s.coi),
            std::string("{").append(compound).append(",").append(s.wristband_scan()).append("}"));
}

}  // namespace
}  // namespace cj::testing
