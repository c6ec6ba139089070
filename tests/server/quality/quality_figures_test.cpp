// GET /api/v1/quality/...: deviations per month, product, site and code, and the median and
// spread of the journey's stretches, as JSON, CSV and charts (docs/quality.md "Quality figures").
#include <chrono>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/journal/append_event.h"
#include "server/journal/journeys.h"
#include "server/journal/patients.h"
#include "tests/support/api_suite.h"
#include "tests/support/http_client.h"
#include "tests/support/journal_seed.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using workflows::TimePoint;

TimePoint day(int d) {
  return TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 3 / 1)) + std::chrono::days(d);
}

class QualityFiguresTest : public ApiSuite {
 protected:
  // A journey at site whose steps happened at the times given, in order.
  static void journey_with(const std::string& site, const std::string& mrn,
                           const std::vector<std::pair<std::string, TimePoint>>& steps) {
    pqxx::connection conn(uri());
    pqxx::work tx(conn);
    const auto site_id = tx.exec_params1("SELECT id FROM sites WHERE code = $1", site)[0].as<std::int64_t>();
    const auto user_id = tx.exec1("SELECT min(id) FROM users")[0].as<std::int64_t>();
    auto patient = journal::create_patient(tx, journal::Patient{0, site_id, mrn, "QF", std::nullopt, std::nullopt});
    ASSERT_TRUE(patient.ok());
    auto journey = journal::create_journey(tx, site_id, *patient, "kymriah", user_id);
    ASSERT_TRUE(journey.ok());
    for (const auto& [step, at] : steps) {
      journal::NewEvent event;
      event.journey_id = journey->id;
      event.event.journey = journey->coi;
      event.event.step = step;
      event.event.occurred_at = at;
      event.event.operators = {"cora"};
      event.decision.accepted = true;
      ASSERT_TRUE(journal::append_event(tx, event).ok());
    }
    tx.commit();
  }

  // Vein-to-vein 20, 25 and 30 days; thaw to infusion 30, 40 and 50 minutes.
  static void three_journeys(const std::string& site) {
    for (int i = 0; i < 3; ++i) {
      const TimePoint infusion = day(20 + 5 * i);
      journey_with(site, site + "-MRN" + std::to_string(i),
                   {{"apheresis.collect", day(0)},
                    {"manufacturing.receive", day(2)},
                    {"manufacturing.release", day(12 + i)},
                    {"product.thaw", infusion - std::chrono::minutes(30 + 10 * i)},
                    {"infusion.start", infusion}});
    }
  }

  static const json::object* figure(const json::value& body, const char* measure, const std::string& site) {
    for (const auto& d : body.at("durations").as_array()) {
      if (d.at("measure") == measure && d.at("site") == site.c_str()) return &d.as_object();
    }
    return nullptr;
  }

  static constexpr const char* kYear = "from=2026-01-01&until=2027-01-01";
};

TEST_F(QualityFiguresTest, EachStretchHasItsMedianQuartilesAndRange) {
  add_site("qf-dur", "Q9901");
  add_user("quinn.dur", {"qa@qf-dur"});
  three_journeys("qf-dur");

  const auto reply = log_in("quinn.dur").get(std::string("/api/v1/quality/figures?") + kYear);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto* v2v = figure(reply.body, "vein_to_vein", "qf-dur");
  ASSERT_NE(v2v, nullptr) << reply.raw;
  EXPECT_EQ(v2v->at("journeys"), 3);
  EXPECT_EQ(v2v->at("unit"), "d");
  EXPECT_DOUBLE_EQ(v2v->at("median").as_double(), 25.0);
  EXPECT_DOUBLE_EQ(v2v->at("p25").as_double(), 22.5);
  EXPECT_DOUBLE_EQ(v2v->at("p75").as_double(), 27.5);
  EXPECT_DOUBLE_EQ(v2v->at("min").as_double(), 20.0);
  EXPECT_DOUBLE_EQ(v2v->at("max").as_double(), 30.0);
  const auto* thaw = figure(reply.body, "thaw_to_infusion", "qf-dur");
  ASSERT_NE(thaw, nullptr) << reply.raw;
  EXPECT_EQ(thaw->at("unit"), "min");
  EXPECT_DOUBLE_EQ(thaw->at("median").as_double(), 40.0);
  const auto* manufacturing = figure(reply.body, "manufacturing_turnaround", "qf-dur");
  ASSERT_NE(manufacturing, nullptr) << reply.raw;
  EXPECT_DOUBLE_EQ(manufacturing->at("median").as_double(), 11.0);
}

TEST_F(QualityFiguresTest, VeinToVeinRunsFromTheLastCollectionAsTheRegistryExportCounts) {
  add_site("qf-two", "Q9909");
  add_user("quinn.two", {"qa@qf-two"});
  // A second apheresis session three days after the first; two thaws, the second for the bag
  // infused.
  journey_with("qf-two", "QT-1",
               {{"apheresis.collect", day(0)},
                {"apheresis.collect", day(3)},
                {"product.thaw", day(23) - std::chrono::minutes(90)},
                {"product.thaw", day(23) - std::chrono::minutes(20)},
                {"infusion.start", day(23)}});

  const auto reply = log_in("quinn.two").get(std::string("/api/v1/quality/figures?site=qf-two&") + kYear);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto* v2v = figure(reply.body, "vein_to_vein", "qf-two");
  ASSERT_NE(v2v, nullptr) << reply.raw;
  EXPECT_DOUBLE_EQ(v2v->at("median").as_double(), 20.0) << "from the last collection, not the first";
  const auto* thaw = figure(reply.body, "thaw_to_infusion", "qf-two");
  ASSERT_NE(thaw, nullptr) << reply.raw;
  EXPECT_DOUBLE_EQ(thaw->at("median").as_double(), 20.0) << "the thaw just before the infusion";
}

TEST_F(QualityFiguresTest, AStretchCountsInThePeriodItEndedIn) {
  add_site("qf-period", "Q9902");
  add_user("quinn.period", {"qa@qf-period"});
  three_journeys("qf-period");  // infusions on 21, 26 and 31 March

  const auto reply =
      log_in("quinn.period").get("/api/v1/quality/figures?from=2026-03-25&until=2026-04-01&site=qf-period");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto* v2v = figure(reply.body, "vein_to_vein", "qf-period");
  ASSERT_NE(v2v, nullptr) << reply.raw;
  EXPECT_EQ(v2v->at("journeys"), 2) << reply.raw;
}

TEST_F(QualityFiguresTest, DeviationsAndNearMissesAreCountedPerMonthProductSiteAndCode) {
  add_site("qf-dev", "Q9903");
  add_user("quinn.dev", {"qa@qf-dev"});
  using workflows::Code;
  using workflows::Severity;
  const workflows::Finding temperature{Code::TemperatureOutOfRange, Severity::Major, "too warm", "test/t"};
  const workflows::Finding window{Code::WindowExceeded, Severity::Minor, "late", "test/w"};
  seed_journey_event(uri(), "qf-dev", "QD-1", {temperature, window});
  seed_journey_event(uri(), "qf-dev", "QD-2", {temperature});
  const std::string month = sql("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')");

  const auto reply = log_in("quinn.dev").get("/api/v1/quality/figures?site=qf-dev");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  std::map<std::string, std::int64_t> counts;
  for (const auto& d : reply.body.at("deviations").as_array()) {
    EXPECT_EQ(d.at("month"), month.c_str());
    EXPECT_EQ(d.at("product"), "kymriah");
    counts[std::string(d.at("code").as_string()) + "/" + std::string(d.at("severity").as_string())] =
        d.at("count").as_int64();
  }
  EXPECT_EQ(counts[std::string(workflows::code_name(Code::TemperatureOutOfRange)) + "/major"], 2) << reply.raw;
  EXPECT_EQ(counts[std::string(workflows::code_name(Code::WindowExceeded)) + "/minor"], 1) << reply.raw;
  EXPECT_EQ(counts.size(), 2u) << reply.raw;
}

TEST_F(QualityFiguresTest, TheCsvFilesHoldTheSameFiguresInTheMeasuresUnit) {
  add_site("qf-csv", "Q9904");
  add_user("quinn.csv", {"qa@qf-csv"});
  three_journeys("qf-csv");
  const auto qa = log_in("quinn.csv");

  const auto durations = http_request(port(), "GET", std::string("/api/v1/quality/durations.csv?site=qf-csv&") + kYear,
                                      "", "application/json", qa.authorization());
  const auto deviations = http_request(port(), "GET", "/api/v1/quality/deviations.csv?site=qf-csv", "",
                                       "application/json", qa.authorization());

  ASSERT_EQ(durations.status, 200) << durations.body;
  EXPECT_EQ(durations.body.rfind("measure,unit,product,site,journeys,median,p25,p75,min,max\r\n", 0), 0u);
  EXPECT_NE(durations.body.find("vein_to_vein,d,kymriah,qf-csv,3,25.00,22.50,27.50,20.00,30.00\r\n"), std::string::npos)
      << durations.body;
  EXPECT_NE(durations.body.find("thaw_to_infusion,min,kymriah,qf-csv,3,40.00,35.00,45.00,30.00,50.00\r\n"),
            std::string::npos)
      << durations.body;
  ASSERT_EQ(deviations.status, 200) << deviations.body;
  EXPECT_EQ(deviations.body, "month,product,site,kind,code,severity,count\r\n") << "no deviations here";
}

// The width and height an IHDR chunk gives.
std::pair<int, int> png_size(const std::string& png) {
  const auto be = [&](std::size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  return {be(16), be(20)};
}

TEST_F(QualityFiguresTest, TheChartsArePngsOfTheSizeAsked) {
  add_site("qf-png", "Q9905");
  add_user("quinn.png", {"qa@qf-png"});
  three_journeys("qf-png");
  const auto qa = log_in("quinn.png");

  for (const char* chart : {"deviations", "durations"}) {
    const auto reply =
        http_request(port(), "GET", std::string("/api/v1/quality/") + chart + ".png?width=640&height=300&" + kYear, "",
                     "application/json", qa.authorization());
    ASSERT_EQ(reply.status, 200) << chart << reply.body.substr(0, 200);
    EXPECT_EQ(reply.content_type, "image/png");
    ASSERT_GT(reply.body.size(), 24u);
    EXPECT_EQ(reply.body.substr(0, 8), "\x89PNG\r\n\x1a\n");
    EXPECT_EQ(png_size(reply.body), std::make_pair(640, 300)) << chart;
  }
  EXPECT_EQ(qa.get("/api/v1/quality/durations.png?width=10").error_field(), "width");
}

TEST_F(QualityFiguresTest, AnotherSitesFiguresAreNotShown) {
  add_site("qf-east", "Q9906");
  add_site("qf-west", "Q9907");
  add_user("quinn.east", {"qa@qf-east"});
  add_user("nurse.east", {"apheresis@qf-east"});
  three_journeys("qf-west");
  const auto qa = log_in("quinn.east");

  const auto all = qa.get(std::string("/api/v1/quality/figures?") + kYear);
  ASSERT_EQ(all.status, 200) << all.raw;
  EXPECT_EQ(all.raw.find("qf-west"), std::string::npos) << all.raw;
  EXPECT_EQ(qa.get("/api/v1/quality/figures?site=qf-west").status, 403);
  EXPECT_EQ(log_in("nurse.east").get("/api/v1/quality/figures").status, 403);
}

TEST_F(QualityFiguresTest, APeriodItCannotReadIsRefusedNamingTheParameter) {
  add_site("qf-bad", "Q9908");
  add_user("quinn.bad", {"qa@qf-bad"});
  const auto qa = log_in("quinn.bad");
  EXPECT_EQ(qa.get("/api/v1/quality/figures?from=last-week").error_field(), "from");
  EXPECT_EQ(qa.get("/api/v1/quality/figures?from=2026-05-01&until=2026-04-01").error_field(), "until");
  EXPECT_EQ(qa.get("/api/v1/quality/figures?product=").error_field(), "product");
}

}  // namespace
}  // namespace cj::testing
