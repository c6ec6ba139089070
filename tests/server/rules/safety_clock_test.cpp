// Safety clocks and hard stops through the real API (workflows/clocks.h; docs/workflows.md
// "Clocks" and "Hard stops"). Every time limit is a clock from the first record of its anchor
// for the bag: the board shows the step it limits with its due time from that moment, before
// the bedside check or the infusion start are recorded, and once the limit has passed with
// nothing recorded a sweep raises OVERDUE. At the points of no return (thaw, infusion start) a
// hold, an open temperature deviation, a missing bedside check or the wrong dose is refused, and
// the refusal is recorded. Journeys are each product's happy journey (safety_clock_world.h).
#include <algorithm>
#include <chrono>
#include <map>
#include <ostream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/server/rules/safety_clock_world.h"
#include "tests/support/deviation_lifecycle.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

bool has(const std::vector<std::string>& cois, const std::string& coi) {
  return std::find(cois.begin(), cois.end(), coi) != cois.end();
}

/// The board row's expected step (next_steps) of step; empty when not expected.
json::object expected(const json::object& row, const std::string& step) {
  for (const auto& next : row.at("next_steps").as_array()) {
    if (next.at("step") == step.c_str()) return next.as_object();
  }
  return {};
}

// One row per product: the clock the label (or, where it gives none, the test site's
// placeholder in tests/workflows/sites/test_eu.yaml) puts on the infusion.
struct ClockCase {
  const char* product;
  const char* anchor;   // the step the clock counts from
  const char* limited;  // the step it limits
  const char* rule;
  std::chrono::minutes limit;
  int n;  // the journey's number (safety_clock_world.h)
};

void PrintTo(const ClockCase& c, std::ostream* os) {
  *os << c.product << ": " << c.limited << " within " << c.limit.count() << " min of " << c.anchor;
}

const ClockCase kClocks[] = {
    {"kymriah", "product.thaw_complete", "infusion.end", "kymriah/thaw-to-infusion-end", 30min, 11},
    {"yescarta", "product.thaw", "infusion.end", "yescarta/thaw-to-infusion-end", 3h, 12},  // test site: 3 h
    {"tecartus", "product.thaw_complete", "infusion.start", "tecartus/thaw-to-infusion-start", 30min, 13},
    {"breyanzi", "product.thaw", "infusion.end", "breyanzi/thaw-to-infusion-end", 2h, 14},  // test site: 2 h
    {"abecma", "product.thaw", "infusion.end", "abecma/thaw-start-to-infusion-end", 1h, 15},
    {"carvykti", "product.thaw_complete", "infusion.end", "carvykti/thaw-to-infusion-end", 150min, 16},
    {"aucatzyl", "product.thaw", "infusion.end", "aucatzyl/thaw-to-infusion-end", 1h, 17},            // test site: 1 h
    {"hpc_apheresis", "product.thaw", "infusion.end", "hpc_apheresis/thaw-to-infusion-end", 1h, 18},  // test site: 1 h
};

class SafetyClockOfEveryProduct : public SafetyClockSuite, public ::testing::WithParamInterface<ClockCase> {};

TEST_P(SafetyClockOfEveryProduct, IsOnTheBoardFromItsAnchorBeforeAnyLaterStepAndOverdueOnceItsLimitHasPassed) {
  const ClockCase& c = GetParam();
  const World w = seed_site("sc" + std::to_string(c.n), "C00" + std::to_string(c.n), c.product);
  Walk j = start_journey(w, c.product, c.n, c.anchor, now() - 4h);  // 4 h: past every limit
  const TimePoint anchored = walk_through(j, c.anchor);             // nothing recorded after it
  const std::string bag = bag_of(j.script[j.next - 1]);
  const std::string due = at(anchored + c.limit);

  const json::object row = row_of(w, j.coi);
  ASSERT_FALSE(row.empty());
  EXPECT_EQ(row.at("stage").at("step"), "product.thaw");  // no bedside check, no infusion
  const json::object clock = clock_of(row.at("clocks"), c.rule, bag);
  ASSERT_FALSE(clock.empty()) << row.at("clocks");
  EXPECT_EQ(clock.at("step"), c.limited);
  EXPECT_EQ(clock.at("from"), c.anchor);
  EXPECT_EQ(clock.at("anchor_missing"), false);
  EXPECT_EQ(clock.at("started_at"), at(anchored).c_str());
  EXPECT_EQ(clock.at("due_by"), due.c_str());
  EXPECT_EQ(json::serialize(expected(row, c.limited)),
            json::serialize(json::object{{"step", c.limited}, {"due_by", due}}));
  EXPECT_EQ(row.at("overdue"), true);
  EXPECT_TRUE(open_deviations(j, "OVERDUE").empty());  // none until a sweep finds it

  sweep();

  std::vector<json::object> raised;
  for (const auto& d : open_deviations(j, "OVERDUE")) {
    if (d.at("rule") == c.rule) raised.push_back(d);
  }
  ASSERT_EQ(raised.size(), 1u);
  EXPECT_EQ(raised[0].at("subject"), (std::string(c.limited) + " " + bag).c_str());
  EXPECT_NE(json::value_to<std::string>(raised[0].at("message")).find("was due by " + due), std::string::npos)
      << raised[0];
  const json::object after = row_of(w, j.coi);
  EXPECT_EQ(after.at("deviations_open").as_int64(), static_cast<std::int64_t>(open_deviations(j).size()));
  EXPECT_EQ(after.at("deviation_codes"), (json::array{"OVERDUE"}));
}

INSTANTIATE_TEST_SUITE_P(, SafetyClockOfEveryProduct, ::testing::ValuesIn(kClocks),
                         [](const ::testing::TestParamInfo<ClockCase>& info) {
                           return std::string(info.param.product);
                         });

class SafetyClockTest : public SafetyClockSuite {};

TEST_F(SafetyClockTest, KymriahWithoutACompleteThawIsCountedFromTheStartOfThawAndSaysSo) {
  const World w = seed_site("sc21", "C0021", "kymriah");
  Walk j = start_journey(w, "kymriah", 21, "product.thaw", now() - 20min);
  const TimePoint thawed = walk_through(j, "product.thaw");  // no product.thaw_complete
  const std::string bag = bag_of(j.script[j.next - 1]);

  const json::object clock = clock_of(row_of(w, j.coi).at("clocks"), "kymriah/thaw-to-infusion-end", bag);
  auto page = log_in(w.coordinator).get("/api/v1/journeys/" + j.coi);

  ASSERT_FALSE(clock.empty());
  EXPECT_EQ(clock.at("step"), "infusion.end");
  EXPECT_EQ(clock.at("from"), "product.thaw");
  EXPECT_EQ(clock.at("anchor_missing"), true);
  EXPECT_EQ(clock.at("started_at"), at(thawed).c_str());
  EXPECT_EQ(clock.at("due_by"), at(thawed + 30min).c_str());
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_EQ(clock_of(page.body.at("deadlines").at("clocks"), "kymriah/thaw-to-infusion-end", bag), clock);
}

TEST_F(SafetyClockTest, AucatzylDose2IsNotThawedBeforeEveryDose1BagIsInfusedAndTheRefusalIsRecorded) {
  const World w = seed_site("sc22", "C0022", "aucatzyl");
  Walk j = start_journey(w, "aucatzyl", 22, "product.thaw", now() - 3h);
  walk_through(j, "infusion.end");  // the first dose-1 bag infused; the second not yet thawed
  json::object dose_2_thaw = scripted(j, "product.thaw", 3);
  dose_2_thaw["occurred_at"] = at(now() - 2h);

  auto refused = scan(j, dose_2_thaw);

  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(codes(refused.body, "refusals"), std::vector<std::string>{"DOSE_ORDER"});
  auto page = log_in(w.coordinator).get("/api/v1/journeys/" + j.coi);
  ASSERT_EQ(page.status, 200) << page.raw;
  const auto& last = page.body.at("events").as_array().back();
  EXPECT_EQ(last.at("id"), refused.body.at("event_id"));
  EXPECT_EQ(last.at("step"), "product.thaw");
  EXPECT_EQ(last.at("decision").at("decision"), "refused");
  EXPECT_EQ(codes(last.at("decision"), "refusals"), std::vector<std::string>{"DOSE_ORDER"});
}

TEST_F(SafetyClockTest, AucatzylDose2InfusionStartIsDueByDay12FromDose1AndEveryBagsDoseIsOnTheBoard) {
  const World w = seed_site("sc23", "C0023", "aucatzyl");
  Walk j = start_journey(w, "aucatzyl", 23, "product.thaw", now() - 3h);
  const TimePoint dose_1_started = time_of(scripted(j, "infusion.start", 1));
  walk_through(j, "infusion.end");
  walk_through(j, "infusion.end");  // both dose-1 bags infused
  const std::string dose_2_bag = bag_of(scripted(j, "product.thaw", 3));
  // Day 1 is the day of dose 1's first infusion start; Day 12 ends at the 12th midnight after.
  const std::string day_12_ends = at(std::chrono::floor<std::chrono::days>(dose_1_started) + std::chrono::days{12});

  const json::object row = row_of(w, j.coi);

  ASSERT_FALSE(row.empty());
  int day_10_clocks = 0;
  for (const auto& c : row.at("clocks").as_array()) day_10_clocks += c.at("rule") == "aucatzyl/day-10-dose";
  EXPECT_EQ(day_10_clocks, 1) << row.at("clocks");  // the dose-2 bag's only
  const json::object clock = clock_of(row.at("clocks"), "aucatzyl/day-10-dose", dose_2_bag);
  ASSERT_FALSE(clock.empty()) << row.at("clocks");
  EXPECT_EQ(clock.at("step"), "infusion.start");
  EXPECT_EQ(clock.at("from"), "infusion.start");
  EXPECT_EQ(clock.at("started_at"), at(dose_1_started).c_str());
  EXPECT_EQ(clock.at("due_by"), day_12_ends.c_str());
  EXPECT_EQ(expected(row, "infusion.start").at("due_by"), day_12_ends.c_str());
  std::map<std::string, std::string> doses;
  for (const auto& bag : row.at("bags").as_array()) {
    doses[json::value_to<std::string>(bag.at("unit"))] =
        json::serialize(bag.at("dose")) + " " + json::value_to<std::string>(bag.at("colour"));
  }
  EXPECT_EQ(doses, (std::map<std::string, std::string>{{bag_of(scripted(j, "product.thaw", 1)), "1 blue"},
                                                       {bag_of(scripted(j, "product.thaw", 2)), "1 orange"},
                                                       {dose_2_bag, "2 red"}}));
}

TEST_F(SafetyClockTest, AHoldOfTheJourneyRefusesTheThawUntilItIsReleased) {
  const World w = seed_site("sc24", "C0024", "kymriah");
  const TimePoint thaw = now() - 1h;
  Walk j = start_journey(w, "kymriah", 24, "product.thaw", thaw);
  walk_to(j, "product.thaw");

  auto held = desk(j, "hold", {"cora"}, {{"reason", "patient febrile"}}, thaw - 10min);
  json::object early_thaw = upcoming(j);
  early_thaw["occurred_at"] = at(thaw - 5min);
  auto refused = scan(j, early_thaw);

  ASSERT_EQ(held.status, 200) << held.raw;
  const json::object row = row_of(w, j.coi);
  EXPECT_EQ(row.at("status"), "on_hold");
  EXPECT_EQ(row.at("hold").at("reason"), "patient febrile");
  EXPECT_EQ(row.at("hold").at("since"), at(thaw - 10min).c_str());
  EXPECT_EQ(row.at("hold").at("event_id"), held.body.at("event_id"));
  EXPECT_TRUE(has(listed_with_status(w, "on_hold"), j.coi));
  EXPECT_FALSE(has(listed_with_status(w, "active"), j.coi));
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(codes(refused.body, "refusals"), std::vector<std::string>{"ON_HOLD"});

  auto released = desk(j, "hold.release", {"cora"}, {{"reason", "fever resolved"}}, thaw - 2min);
  auto thawed = post_next(j);

  ASSERT_EQ(released.status, 200) << released.raw;
  EXPECT_TRUE(has(listed_with_status(w, "active"), j.coi));
  EXPECT_EQ(thawed.status, 200) << thawed.raw;
  const json::object after = row_of(w, j.coi);
  EXPECT_EQ(after.at("status"), "active");
  EXPECT_TRUE(after.at("hold").is_null());
  EXPECT_EQ(after.at("stage").at("step"), "product.thaw");
}

TEST_F(SafetyClockTest, ADisposedProductLeavesTheBoardAndIsNeverSweptOverdue) {
  const World w = seed_site("sc25", "C0025", "kymriah");
  Walk disposed = start_journey(w, "kymriah", 25, "product.thaw_complete", now() - 2h);
  Walk kept = start_journey(w, "kymriah", 26, "product.thaw_complete", now() - 2h);
  walk_through(disposed, "product.thaw_complete");
  walk_through(kept, "product.thaw_complete");
  ASSERT_EQ(row_of(w, disposed.coi).at("overdue"), true);  // its infusion end is past due

  auto reply =
      desk(disposed, "dispose", {"alice", "bob"}, {{"reason", "bag damaged in the thaw device"}}, now() - 5min);
  sweep();

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_TRUE(has(listed_with_status(w, "disposed"), disposed.coi));
  EXPECT_FALSE(has(listed_with_status(w, "disposed"), kept.coi));
  EXPECT_TRUE(row_of(w, disposed.coi).empty());
  EXPECT_FALSE(row_of(w, kept.coi).empty());
  EXPECT_TRUE(open_deviations(disposed, "OVERDUE").empty());
  const auto late = open_deviations(kept, "OVERDUE");
  EXPECT_EQ(std::count_if(late.begin(), late.end(),
                          [](const json::object& d) { return d.at("rule") == "kymriah/thaw-to-infusion-end"; }),
            1);
  auto page = log_in(w.coordinator).get("/api/v1/journeys/" + disposed.coi);
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_EQ(page.body.at("status"), "disposed");
  EXPECT_TRUE(page.body.at("deadlines").at("clocks").as_array().empty()) << page.body.at("deadlines");
}

TEST_F(SafetyClockTest, AThawIsRefusedWhileTheShippersTemperatureDeviationIsOpenAndAcceptedOnceQaClosesIt) {
  const World w = seed_site("sc27", "C0027", "kymriah");
  Walk j = start_journey(w, "kymriah", 27, "product.thaw", now() - 1h);
  walk_to(j, "product.receive");
  upcoming(j)["data"].as_object()["logger_readings_c"] = json::array{-185.0, -140.0};  // the site allows -150 °C
  auto received = post_next(j);
  walk_to(j, "product.thaw");

  auto refused = scan(j, upcoming(j));

  ASSERT_EQ(received.status, 200) << received.raw;
  EXPECT_EQ(codes(received.body, "deviations"), std::vector<std::string>{"TEMPERATURE_OUT_OF_RANGE"});
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(codes(refused.body, "refusals"), std::vector<std::string>{"BLOCKING_DEVIATION"});

  const auto open = open_deviations(j, "TEMPERATURE_OUT_OF_RANGE");
  ASSERT_EQ(open.size(), 1u);
  // QA's decision, carried through investigation, CAPA and disposition to the signed close.
  bring_to_disposition(log_in(person(w, "quinn")), open[0].at("id").as_int64());
  auto closed =
      log_in(person(w, "quinn"))
          .post("/api/v1/deviations/" + json::serialize(open[0].at("id")) + "/close",
                json::object{{"password", kPassword},
                             {"meaning", "approval"},
                             {"reason", "Logger excursion reviewed with the manufacturer: product released"}});
  auto thawed = post_next(j);

  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.body.at("status"), "closed");
  EXPECT_EQ(thawed.status, 200) << thawed.raw;
}

TEST_F(SafetyClockTest, AnInfusionStartWithoutATwoPersonBedsideCheckOfThatBagIsRefusedAndRecorded) {
  const World w = seed_site("sc28", "C0028", "kymriah");
  Walk j = start_journey(w, "kymriah", 28, "product.thaw", now() - 1h);
  walk_to(j, "infusion.verify");
  upcoming(j)["operators"] = json::array{person(w, "nina")};  // one nurse alone
  auto verified = post_next(j);

  auto started = post_next(j);

  ASSERT_EQ(verified.status, 200) << verified.raw;
  EXPECT_EQ(codes(verified.body, "deviations"), std::vector<std::string>{"MISSING_WITNESS"});
  ASSERT_EQ(started.status, 422) << started.raw;
  EXPECT_EQ(codes(started.body, "refusals"), std::vector<std::string>{"BEDSIDE_CHECK_MISSING"});
  auto page = log_in(w.coordinator).get("/api/v1/journeys/" + j.coi);
  ASSERT_EQ(page.status, 200) << page.raw;
  const auto& last = page.body.at("events").as_array().back();
  EXPECT_EQ(last.at("id"), started.body.at("event_id"));
  EXPECT_EQ(last.at("step"), "infusion.start");
  EXPECT_EQ(last.at("decision").at("decision"), "refused");
  EXPECT_EQ(codes(last.at("decision"), "refusals"), std::vector<std::string>{"BEDSIDE_CHECK_MISSING"});
  EXPECT_EQ(row_of(w, j.coi).at("stage").at("step"), "infusion.verify");  // the refusal moved nothing
}

}  // namespace
}  // namespace cj::testing
