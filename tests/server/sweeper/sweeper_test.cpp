// The deadline sweeper: an obligation nobody scanned in time becomes one OVERDUE deviation (never
// two, however often it is swept and by however many servers), seen in the deviations inbox and
// on the live feed; `celljourney sweep` runs one sweep now, `serve --sweep-interval` sweeps on
// its own. Journeys show their derived time points, and the list finds the overdue ones.
//
// The overdue journey is the Kymriah scenario (tests/workflows/scenarios/kymriah_happy_journey.jsonl)
// with one bag, recorded up to its infusion start on 2026-11-20: its infusion end was due 30 min
// after the thaw completed (2026-11-20T10:05:00Z), long before any run of these tests.
#include <chrono>
#include <future>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/http_client.h"
#include "tests/support/journey_world.h"
#include "tests/support/raw_connection.h"
#include "tests/support/server_process.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class SweepTest : public JourneySuite {
 protected:
  /// A journey at w's site whose infusion end is overdue (journey_world.h).
  static std::string overdue_journey(const World& w, int n) { return kymriah_journey_until(w, n, "infusion.end"); }

  /// The journey's OVERDUE deviations as GET /api/v1/deviations lists them to w's coordinator.
  static json::array overdue_deviations(const World& w, const std::string& coi) {
    auto reply = log_in(w.coordinator).get("/api/v1/deviations?journey=" + coi);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    json::array found;
    if (reply.status != 200) return found;
    for (const auto& d : reply.body.at("deviations").as_array()) {
      if (d.at("code") == "OVERDUE") found.push_back(d);
    }
    return found;
  }

  static CommandResult sweep() { return run_celljourney({"sweep", "--database", uri()}); }

  /// How many OVERDUE deviations a sweep's output says it raised.
  static int raised_by(const CommandResult& run) {
    std::smatch m;
    if (!std::regex_search(run.output, m, std::regex("([0-9]+) OVERDUE deviations? raised"))) return -1;
    return std::stoi(m[1].str());
  }

  /// The journeys GET /api/v1/journeys?query lists to w's coordinator, by COI.
  static std::map<std::string, json::object> listed(const World& w, const std::string& query) {
    auto reply = log_in(w.coordinator).get("/api/v1/journeys?" + query);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    std::map<std::string, json::object> out;
    if (reply.status != 200) return out;
    for (const auto& j : reply.body.at("journeys").as_array()) {
      out[json::value_to<std::string>(j.at("coi"))] = j.as_object();
    }
    return out;
  }
};

TEST_F(SweepTest, ASweepRaisesAnOverdueObligationOnceHoweverOftenItRuns) {
  const World w = seed_world("sw1", "W0001");
  const std::string coi = overdue_journey(w, 2);
  ASSERT_TRUE(overdue_deviations(w, coi).empty());

  const CommandResult first = sweep();
  const CommandResult second = sweep();

  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(std::regex_search(first.output,
                                std::regex("[1-9][0-9]* journeys? checked, [1-9][0-9]* OVERDUE deviations? raised")))
      << first.output;
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("0 OVERDUE deviations raised"), std::string::npos) << second.output;
  const json::array overdue = overdue_deviations(w, coi);
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].at("status"), "open");
  EXPECT_EQ(overdue[0].at("severity"), "major");
  EXPECT_EQ(overdue[0].at("rule"), "kymriah/thaw-to-infusion-end");
  EXPECT_EQ(overdue[0].at("subject"), "infusion.end A999926223456/S1194A00");
  EXPECT_TRUE(overdue[0].at("event_id").is_null());
  EXPECT_NE(json::value_to<std::string>(overdue[0].at("message")).find("was due by 2026-11-20T10:05:00Z"),
            std::string::npos)
      << overdue[0];
}

TEST_F(SweepTest, TwoSweepsAtOnceRaiseTheObligationOnce) {
  const World w = seed_world("sw7", "W0007");
  const std::string coi = overdue_journey(w, 9);
  const int before = std::stoi(sql("SELECT count(*)::text FROM deviations WHERE code = 'OVERDUE'"));

  auto one = std::async(std::launch::async, [] { return sweep(); });
  auto other = std::async(std::launch::async, [] { return sweep(); });
  const CommandResult first = one.get();
  const CommandResult second = other.get();

  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(overdue_deviations(w, coi).size(), 1u);
  const int after = std::stoi(sql("SELECT count(*)::text FROM deviations WHERE code = 'OVERDUE'"));
  EXPECT_EQ(raised_by(first) + raised_by(second), after - before) << first.output << "\n" << second.output;
}

TEST_F(SweepTest, TheServerSweepsByItselfEverySweepInterval) {
  const World w = seed_world("sw2", "W0002");
  const std::string coi = overdue_journey(w, 3);
  const std::string metrics_port = std::to_string(free_loopback_port());
  ServerProcess sweeping(
      {"--database", uri(), "--sweep-interval", "1", "--metrics-listen", "127.0.0.1:" + metrics_port});
  ASSERT_TRUE(sweeping.started()) << sweeping.output();

  json::array overdue;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while ((overdue = overdue_deviations(w, coi)).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  ASSERT_EQ(overdue.size(), 1u) << "no OVERDUE within 5 s; the server said:\n" << sweeping.output();
  EXPECT_EQ(overdue[0].at("rule"), "kymriah/thaw-to-infusion-end");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // another sweep or two
  EXPECT_EQ(overdue_deviations(w, coi).size(), 1u);
  const auto metrics = http_get(static_cast<unsigned short>(std::stoi(metrics_port)), "/metrics");
  EXPECT_TRUE(std::regex_search(metrics.body, std::regex("\ncelljourney_sweeps_total [1-9]"))) << metrics.body;
  EXPECT_TRUE(std::regex_search(metrics.body, std::regex("\ncelljourney_overdue_raised_total [1-9]"))) << metrics.body;
}

TEST_F(SweepTest, AFeedSubscriberHearsOfEachNewOverdueDeviation) {
  const World w = seed_world("sw3", "W0003");
  const std::string coi = overdue_journey(w, 4);
  ASSERT_TRUE(wait_until_listening(port()));
  const std::string token = log_in(w.coordinator).authorization().substr(std::string("Bearer ").size());
  WsClient ws(port(), "/api/v1/feed?token=" + token);
  ASSERT_TRUE(ws.connected()) << ws.error();
  ASSERT_TRUE(ws.next_containing("hello"));

  const CommandResult swept = sweep();
  ASSERT_EQ(swept.exit_code, 0) << swept.output;
  auto message = ws.next_containing("\"OVERDUE\"");

  ASSERT_TRUE(message) << "no OVERDUE notice on the feed";
  const auto notice = json::parse(*message);
  EXPECT_EQ(notice.at("type"), "deviation");
  EXPECT_EQ(notice.at("journey"), coi.c_str());
  EXPECT_EQ(notice.at("code"), "OVERDUE");
  EXPECT_EQ(notice.at("status"), "open");
  EXPECT_EQ(notice.at("site_id").as_int64(), std::stoll(sql("SELECT id::text FROM sites WHERE code = $1", w.site)));
  const json::array overdue = overdue_deviations(w, coi);
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(notice.at("deviation_id"), overdue[0].at("id"));
}

TEST_F(SweepTest, AJourneyWhoseSiteRulesNoLongerLoadIsSkippedAndTheOthersAreSwept) {
  const World broken = seed_world("sw4a", "W0041");
  const World fine = seed_world("sw4b", "W0042");
  const std::string unknown = overdue_journey(broken, 5);
  const std::string late = overdue_journey(fine, 6);
  sql("DELETE FROM site_rules WHERE site_id = (SELECT id FROM sites WHERE code = $1)", broken.site);

  const CommandResult swept = sweep();

  EXPECT_EQ(swept.exit_code, 0) << swept.output;
  EXPECT_NE(swept.output.find("skipped (site rules do not load)"), std::string::npos) << swept.output;
  EXPECT_NE(swept.output.find(unknown), std::string::npos) << swept.output;  // logged, by COI
  EXPECT_TRUE(overdue_deviations(broken, unknown).empty());
  EXPECT_EQ(overdue_deviations(fine, late).size(), 1u);
}

TEST_F(SweepTest, AJourneyShowsItsTimePointsAndDeadlines) {
  const World w = seed_world("sw5", "W0005");
  const std::string coi = overdue_journey(w, 7);

  auto reply = log_in(w.coordinator).get("/api/v1/journeys/" + coi);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto& points = reply.body.at("time_points");
  EXPECT_EQ(points.at("manufacturing_turnaround_s"), 22 * 86400);  // received 10-06 10:00, released 10-28 10:00
  EXPECT_EQ(points.at("apheresis_age_at_manufacturing_start_s"), 44 * 3600);  // 10-05 12:00 to 10-07 08:00
  EXPECT_EQ(points.at("vein_to_vein_s"),
            45 * 86400 + 21 * 3600 + 50 * 60);  // 10-05 12:00 to the infusion start 11-20 09:50
  EXPECT_TRUE(points.at("thaw_to_infusion_end").as_array().empty()) << points;  // not ended yet
  const auto& overdue = reply.body.at("deadlines").at("overdue").as_array();
  ASSERT_EQ(overdue.size(), 1u) << reply.body.at("deadlines");
  EXPECT_EQ(overdue[0].at("code"), "OVERDUE");
}

TEST_F(SweepTest, TheOverdueFilterListsTheLateJourneysAndNotTheOnTimeOnes) {
  const World w = seed_world("sw6", "W0006");
  const std::string late = overdue_journey(w, 8);
  const std::string on_time = new_journey(w, "MRN-ON-TIME");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, on_time, "sw6-on-time-order")).status, 200);

  const auto overdue = listed(w, "overdue=true");
  const auto not_overdue = listed(w, "overdue=false");
  const auto all = listed(w, "site=" + w.site);

  ASSERT_EQ(overdue.count(late), 1u);
  EXPECT_EQ(overdue.count(on_time), 0u);
  EXPECT_EQ(not_overdue.count(late), 0u);
  EXPECT_EQ(not_overdue.count(on_time), 1u);
  EXPECT_EQ(overdue.at(late).at("overdue"), true);
  EXPECT_EQ(json::serialize(overdue.at(late).at("next")),
            R"([{"step":"infusion.end","due_by":"2026-11-20T10:05:00Z"}])");
  ASSERT_EQ(all.count(on_time), 1u);
  EXPECT_EQ(all.at(on_time).at("overdue"), false);
  EXPECT_EQ(json::serialize(all.at(on_time).at("next")), R"([{"step":"apheresis.collect"}])");
  auto bad = log_in(w.coordinator).get("/api/v1/journeys?overdue=maybe");
  EXPECT_EQ(bad.status, 400) << bad.raw;
  EXPECT_EQ(bad.error_field(), "overdue");
}

}  // namespace
}  // namespace cj::testing
