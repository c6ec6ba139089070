// People at the real station against the real server: nurses sign in with badge + PIN and out;
// a wrong PIN is refused and counted by the server; offline, events carry sealed proofs that
// the server checks when it is back: each accepted once, and one with a wrong PIN refused.
#include <gtest/gtest.h>

#include "tests/scanner/end_to_end/station_suite.h"
#include "tests/support/database_fixture.h"
#include "tests/support/server_process.h"
#include "tests/support/station_process.h"

namespace cj::testing {
namespace {

class StationPeopleTest : public StationSuite {
 protected:
  static std::string config(const World& w, unsigned short server_port) {
    return "server = http://127.0.0.1:" + std::to_string(server_port) + "\nstation = " + w.station +
           "\nkey = " + w.station_key + "\nsite = " + w.site +
           "\noutbox = outbox.jsonl\nstep = apheresis.label\nneeds.apheresis.label = coi, din\ninput = stdin\n"
           "timeout = 5\nretry_max = 1\n";
  }
  // A journey at the label step: its order and collection recorded at the desk.
  static std::string labelled_journey(const World& w, const std::string& din, const std::string& tag) {
    const std::string coi = new_journey(w);
    add_apheresis_bag(w, coi, din);
    desk_event(w.coordinator, coi, order_event(w, coi, tag + "-order"));
    desk_event(w.nurse, coi, collect_event(w, coi, din, tag + "-collect"));
    return coi;
  }
};

TEST_F(StationPeopleTest, TwoNursesSignInAndOutOneAfterTheOtherAndEachEventNamesWhoWasSignedIn) {
  const World w = seed_world("sp1", "T0201");
  const std::string bob = "bob." + w.site;
  add_user(bob, {"apheresis@" + w.site});
  train(bob);
  give_badge_and_pin(w, w.nurse);
  give_badge_and_pin(w, bob, "135792");
  TempDir dir;
  StationProcess station(dir.path(), config(w, port()));
  ASSERT_TRUE(station.started());

  station.scan(badge_of(w.nurse));
  station.scan(kTestPin);
  ASSERT_TRUE(station.wait_for("Signed in.")) << station.output();
  station.scan(badge_of(w.nurse));  // the same badge again: signed out
  ASSERT_TRUE(station.wait_for("You are signed out.")) << station.output();
  station.scan(badge_of(bob));
  station.scan("135792");
  ASSERT_TRUE(station.wait_for("Signed in.", 2)) << station.output();
  station.scan("SIGN OUT");
  ASSERT_TRUE(station.wait_for("You are signed out.", 2)) << station.output();
  station.close_input();

  EXPECT_EQ(station.wait_exit(), 0) << station.output();
  EXPECT_EQ(count_of(station.output(), kTestPin), 0) << "the PIN is never shown nor logged";
  EXPECT_EQ(count_of(station.output(), "135792"), 0);
}

TEST_F(StationPeopleTest, AWrongPinIsRefusedAtTheStationAndCountedByTheServer) {
  const World w = seed_world("sp2", "T0202");
  give_badge_and_pin(w, w.nurse);
  TempDir dir;
  StationProcess station(dir.path(), config(w, port()));
  ASSERT_TRUE(station.started());

  station.scan(badge_of(w.nurse));
  station.scan("864209");

  ASSERT_TRUE(station.wait_for("Not signed in: Unknown badge or wrong PIN.")) << station.output();
  station.close_input();
  EXPECT_EQ(station.wait_exit(), 0) << station.output();
  EXPECT_EQ(sql("SELECT count(*) FROM admin_log WHERE action = 'operator.sign_in_failed'"), "1");
  EXPECT_EQ(count_of(sql("SELECT coalesce(string_agg(details::text, ' '), '') FROM admin_log"), "864209"), 0)
      << "never the PIN";
}

TEST_F(StationPeopleTest, OfflineEventsWithSealedProofsAreAcceptedOnceWhenTheServerIsBackAndABadProofIsRefused) {
  const World w = seed_world("sp3", "T0203");
  give_badge_and_pin(w, w.nurse);
  const std::string first = labelled_journey(w, "A999926520301", "sp3a");
  const std::string second = labelled_journey(w, "A999926520302", "sp3b");
  const unsigned short server_port = free_port();
  auto server =
      std::make_unique<ServerProcess>(with_centre_key({"--database", uri(), "--port", std::to_string(server_port)}));
  ASSERT_TRUE(server->started()) << server->output();
  TempDir dir;
  StationProcess station(dir.path(), config(w, server_port));
  ASSERT_TRUE(station.started());
  station.scan(badge_of(w.nurse));  // online once: the station learns who she is and the key
  station.scan(kTestPin);
  ASSERT_TRUE(station.wait_for("Signed in.")) << station.output();
  station.scan("SIGN OUT");
  ASSERT_TRUE(station.wait_for("You are signed out.")) << station.output();
  ASSERT_EQ(server->stop(), 0);

  station.scan(badge_of(w.nurse));
  station.scan(kTestPin);
  ASSERT_TRUE(station.wait_for("Signed in offline: the server checks the PIN later.")) << station.output();
  station.scan("&/" + first);
  station.scan("=A99992652030100");
  ASSERT_TRUE(station.wait_for("SAVED - NOT YET CONFIRMED")) << station.output();
  station.scan("SIGN OUT");
  station.scan(badge_of(w.nurse));
  station.scan("975310");  // a wrong PIN, which only the server can tell
  ASSERT_TRUE(station.wait_for("Signed in offline", 2)) << station.output();
  station.scan("&/" + second);
  station.scan("=A99992652030200");
  ASSERT_TRUE(station.wait_for("SAVED - NOT YET CONFIRMED", 2)) << station.output();
  server =
      std::make_unique<ServerProcess>(with_centre_key({"--database", uri(), "--port", std::to_string(server_port)}));
  ASSERT_TRUE(server->started()) << server->output();
  station.close_input();

  EXPECT_EQ(station.wait_exit(), 0) << station.output();
  EXPECT_EQ(count_of(station.output(), "ACCEPTED"), 1) << station.output();
  EXPECT_EQ(count_of(station.output(), "REFUSED"), 1) << "the bad proof is refused and shown\n" << station.output();
  EXPECT_TRUE(station.wait_for("OPERATOR_NOT_PROVEN", 1, std::chrono::seconds(1))) << station.output();
  EXPECT_EQ(sql("SELECT count(*) FROM events e JOIN journeys j ON j.id = e.journey_id "
                "WHERE j.coi = $1 AND e.step = 'apheresis.label'",
                first),
            "1")
      << "accepted once";
  EXPECT_EQ(recorded(second), "2/1") << "the order and the collection, and the refusal recorded";
}

}  // namespace
}  // namespace cj::testing
