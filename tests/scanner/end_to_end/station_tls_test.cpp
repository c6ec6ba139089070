// celljourney-station over HTTPS: the real station program against a real `celljourney serve
// --tls-cert --tls-key`, with certificates made in the test. A station that does not trust the
// server's certificate sends nothing, keeps the scan set in its outbox and says why; restarted
// with the right CA it delivers the set exactly once.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/journey_world.h"
#include "tests/support/server_process.h"
#include "tests/scanner/end_to_end/station_suite.h"
#include "tests/support/station_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificates.h"

namespace cj::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class StationTlsTest : public StationSuite {
 protected:
  static std::string config(const World& w, unsigned short https_port, const std::string& ca_file) {
    return "server = https://127.0.0.1:" + std::to_string(https_port) + "\n" + "ca_file = " + ca_file + "\n" +
           "station = " + w.station + "\n" + "key = " + w.station_key + "\n" + "site = " + w.site + "\n" +
           "outbox = outbox.jsonl\n"
           "step = apheresis.collect\n"
           "needs.apheresis.collect = coi, din, wristband\n"
           "input = stdin\n"
           "timeout = 5\n"
           "retry_max = 1\n";
  }
};

TEST_F(StationTlsTest, AStationThatDoesNotTrustTheCertificateKeepsTheScanSetAndDeliversItOnceWithTheRightCa) {
  const World w = seed_world("stls1", "T0101");
  const std::string coi = new_journey(w);
  const std::string din = "A999926510101";
  add_apheresis_bag(w, coi, din);
  desk_event(w.coordinator, coi, order_event(w, coi, "stls1-order"));
  give_badge_and_pin(w, w.nurse);

  TempDir dir;
  TestCa hospital(dir.path(), "hospital-ca");
  TestCa other(dir.path(), "other-ca");
  std::vector<std::string> args = with_centre_key({"--database", uri()});
  for (auto& arg : hospital.issue("server").serve_args()) args.push_back(arg);
  ServerProcess server(args);
  ASSERT_TRUE(server.started() && server.secure()) << server.output();
  {
    // Once with the right CA: the nurse signs in and out, the station keeps the sealing key,
    // the forms and who she is.
    StationProcess station(dir.path(), config(w, server.port(), hospital.cert().string()));
    ASSERT_TRUE(station.started());
    station.scan(badge_of(w.nurse));
    station.scan(kTestPin);
    ASSERT_TRUE(station.wait_for("Signed in.")) << station.output();
    station.scan("SIGN OUT");
    ASSERT_TRUE(station.wait_for("You are signed out.")) << station.output();
    station.kill9();
  }
  // The station trusts another CA than the one that signed the server's certificate: the nurse
  // signs in offline and her proof is sealed into the event.
  const std::string text = config(w, server.port(), other.cert().string());
  {
    StationProcess station(dir.path(), text);
    ASSERT_TRUE(station.started());
    station.scan(badge_of(w.nurse));
    station.scan(kTestPin);
    ASSERT_TRUE(station.wait_for("Signed in offline: the server checks the PIN later.")) << station.output();
    station.scan("&/" + coi);
    station.scan("=" + din + "00");
    station.scan("&#0008MRN12345");
    station.scan("450");
    station.scan("YES");
    ASSERT_TRUE(station.wait_for("SAVED - NOT YET CONFIRMED")) << station.output();
    ASSERT_TRUE(station.wait_for("the server's certificate is not trusted", 2)) << station.output();
    EXPECT_TRUE(station.wait_for("not answered", 2)) << "retried, never given up\n" << station.output();
    EXPECT_EQ(count_of(station.output(), "ACCEPTED"), 0) << station.output();
    station.kill9();
  }
  EXPECT_EQ(recorded(coi), "1/0") << "only the order: the scan set never reached the server";
  const std::string outbox = read_file(dir.path() / "outbox.jsonl");
  EXPECT_EQ(count_of(outbox, R"("record":"scan")"), 1) << outbox;
  EXPECT_EQ(count_of(outbox, R"("record":"answer")"), 0) << "kept in the outbox, unanswered\n" << outbox;
  EXPECT_EQ(count_of(outbox, R"("sealed":")"), 1) << "the offline sign-in's sealed proof\n" << outbox;
  EXPECT_EQ(count_of(outbox, kTestPin), 0) << "no PIN in clear";

  // Restarted with the right CA (--ca-file overrides the config's): the set goes out, once.
  StationProcess restarted(dir.path(), text, {}, {"--ca-file", hospital.cert().string()});
  ASSERT_TRUE(restarted.started());
  restarted.close_input();
  EXPECT_EQ(restarted.wait_exit(), 0) << restarted.output();
  EXPECT_EQ(count_of(restarted.output(), "ACCEPTED"), 1) << restarted.output();
  EXPECT_EQ(recorded(coi), "2/0");
  EXPECT_EQ(sql("SELECT count(*) FROM events e JOIN journeys j ON j.id = e.journey_id "
                "WHERE j.coi = $1 AND e.step = 'apheresis.collect'",
                coi),
            "1");
}

TEST_F(StationTlsTest, AStationRefusesACertificateForAnotherHostEvenFromItsOwnCa) {
  const World w = seed_world("stls2", "T0102");
  const std::string coi = new_journey(w);
  const std::string din = "A999926510102";
  add_apheresis_bag(w, coi, din);
  desk_event(w.coordinator, coi, order_event(w, coi, "stls2-order"));
  give_badge_and_pin(w, w.nurse);

  TempDir dir;
  TestCa hospital(dir.path(), "hospital-ca");
  std::vector<std::string> args = with_centre_key({"--database", uri()});
  for (auto& arg : hospital.issue("server", {"DNS:ward.example"}).serve_args()) args.push_back(arg);
  ServerProcess server(args);
  ASSERT_TRUE(server.started()) << server.output();
  StationProcess station(dir.path(), config(w, server.port(), hospital.cert().string()));
  ASSERT_TRUE(station.started());
  station.scan(badge_of(w.nurse));
  station.scan(kTestPin);
  ASSERT_TRUE(station.wait_for("the server's certificate is not trusted")) << station.output();
  EXPECT_TRUE(station.wait_for("cannot sign people in offline yet")) << station.output();
  station.kill9();
  EXPECT_EQ(recorded(coi), "1/0");
}

}  // namespace
}  // namespace cj::testing
