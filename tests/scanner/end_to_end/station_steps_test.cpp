// What a step asks for, at the real station against the real server, with the forms the server
// serves (no needs.<step> in the config): the cell lab's receipt with its logger readings
// range-checked and its checklist, a NO with its reason; then the bag's storage position; at the
// bedside the two-person check, where the operator cannot be their own witness.
#include <gtest/gtest.h>

#include "tests/scanner/end_to_end/station_suite.h"
#include "tests/support/station_process.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

class StationStepsTest : public StationSuite {
 protected:
  static std::string config(const World& w, const std::string& menu) {
    return "server = http://127.0.0.1:" + std::to_string(port()) + "\nstation = " + w.station +
           "\nkey = " + w.station_key + "\nsite = " + w.site + "\noutbox = outbox.jsonl\nstep = menu\nmenu = " + menu +
           "\ninput = stdin\ntimeout = 5\nretry_max = 1\n";
  }
  static void sign_in(StationProcess& station, const std::string& username) {
    station.scan(badge_of(username));
    station.scan(kPin);
    ASSERT_TRUE(station.wait_for("Signed in.")) << station.output();
  }
  // The accepted event of coi's step: `what` (SQL over e) of it.
  static std::string of_event(const std::string& coi, const std::string& step, const std::string& what) {
    return sql("SELECT coalesce((SELECT " + what +
                   " FROM events e JOIN journeys j ON j.id = e.journey_id WHERE j.coi = $1 AND e.step = '" + step +
                   "' AND e.decision = 'accepted' ORDER BY e.id DESC LIMIT 1), '(none)')",
               coi);
  }
};

TEST_F(StationStepsTest, AReceiptChecksTheLoggerRangeAsksEveryQuestionAndANoNeedsItsReasonThenTheBagIsStored) {
  const World w = seed_world("ss1", "T0301");
  const std::string coi = kymriah_journey_until(w, 3, "product.receive");
  const std::string lab = "lab." + w.site;
  TempDir dir;
  StationProcess station(dir.path(), config(w, "product.receive, product.store"));
  ASSERT_TRUE(station.started());
  sign_in(station, lab);

  station.scan("1");  // the receipt
  station.scan("&/" + coi);
  ASSERT_TRUE(station.wait_for("Is this the right patient and product?")) << station.output();
  station.scan("YES");
  station.scan("SHIP-" + w.site);  // the shipper's own code
  station.scan("-100");            // above the shipper limit (-150 °C)
  ASSERT_TRUE(station.wait_for("is outside the expected range")) << station.output();
  station.scan("-185 -180.5");
  station.scan("YES");  // the case is intact
  station.scan("NO");   // the tamper seal
  ASSERT_TRUE(station.wait_for("Type the reason, then Enter.")) << station.output();
  station.scan("seal number differs from the air waybill");
  station.scan("YES");  // no logger alarm
  ASSERT_TRUE(station.wait_for("Save it?")) << station.output();
  station.scan("YES");
  ASSERT_TRUE(station.wait_for("ACCEPTED")) << station.output();

  // The station moves on to the journey's next step, the storage of the bag.
  station.scan("&/" + coi);
  ASSERT_TRUE(station.wait_for("Is this the right patient and product?", 2)) << station.output();
  station.scan("YES");
  station.scan("=A99992632345600");  // the bag's DIN
  station.scan("LN2-1/R2/B9");       // the storage position, scanned from the rack
  station.scan("-180");
  ASSERT_TRUE(station.wait_for("Save it?", 2)) << station.output();
  station.scan("YES");
  ASSERT_TRUE(station.wait_for("ACCEPTED", 2)) << station.output();
  station.close_input();
  EXPECT_EQ(station.wait_exit(), 0) << station.output();

  EXPECT_EQ(of_event(coi, "product.receive", "e.data->'checklist'->'tamper_seal_matches'->>'reason'"),
            "seal number differs from the air waybill");
  EXPECT_EQ(of_event(coi, "product.receive", "e.data->'checklist'->>'shipper_intact'"), "true");
  EXPECT_EQ(of_event(coi, "product.receive", "e.data->>'logger_readings_c'"), "[-185, -180.5]");
  EXPECT_EQ(of_event(coi, "product.receive", "e.operators::text"), "{" + lab + "}");
  EXPECT_EQ(of_event(coi, "product.store", "e.data->>'location'"), "LN2-1/R2/B9");
  EXPECT_EQ(of_event(coi, "product.store", "e.data->>'temperature_c'"), "-180");
  EXPECT_EQ(count_of(station.output(), "CHECKLIST_NO"), 1) << "the deviation, in the log" << station.output();
}

TEST_F(StationStepsTest, TheBedsideCheckNeedsASecondPersonWhoIsNotTheOperatorBadgeAndPin) {
  const World w = seed_world("ss2", "T0302");
  const std::string coi = kymriah_journey_until(w, 4, "infusion.verify");
  const std::string nina = "nina." + w.site, paul = "paul." + w.site;
  TempDir dir;
  StationProcess station(dir.path(), config(w, "infusion.verify, infusion.start"));
  ASSERT_TRUE(station.started());
  sign_in(station, nina);

  station.scan("1");  // the bedside check
  station.scan("&/" + coi);
  ASSERT_TRUE(station.wait_for("Is this the right patient and product?")) << station.output();
  station.scan("YES");
  station.scan("&#0008MRN12345");    // the wristband
  station.scan("=A99992642345600");  // the bag
  station.scan("2");                 // tocilizumab doses on site
  ASSERT_TRUE(station.wait_for("the second person scans their badge")) << station.output();
  station.scan(badge_of(nina));  // her own badge: refused on the spot
  ASSERT_TRUE(station.wait_for("The second person must be someone else")) << station.output();
  station.scan(badge_of(paul));
  station.scan(kPin);
  ASSERT_TRUE(station.wait_for("Save it?")) << station.output();
  station.scan("YES");
  ASSERT_TRUE(station.wait_for("ACCEPTED")) << station.output();
  station.close_input();
  EXPECT_EQ(station.wait_exit(), 0) << station.output();

  EXPECT_EQ(of_event(coi, "infusion.verify", "e.operators::text"), "{" + nina + "," + paul + "}");
  EXPECT_EQ(count_of(station.output(), kPin), 0) << "no PIN on the screen or in the log";
}

}  // namespace
}  // namespace cj::testing
