// A passport imported at a centre makes its holder trained there: the workflows stop raising
// TRAINING_MISSING for her steps. The receiving centre is a real server (JourneySuite); the
// issuing centre its own database, driven through the `celljourney` commands.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/journey_world.h"
#include "tests/server/passport/passport_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class PassportJourneyTest : public JourneySuite {};

bool has_deviation(const json::value& decision, const std::string& code) {
  for (const auto& d : decision.at("deviations").as_array()) {
    if (d.at("code").as_string() == code) return true;
  }
  return false;
}

TEST_F(PassportJourneyTest, AfterItsImportTheWorkflowsAcceptTheHoldersStepsWithoutTrainingMissing) {
  const World w = seed_world("pp", "P0088");
  const std::string coi = kymriah_journey_until(w, 8, "product.receive");
  add_user("bea.pp", {"cell_lab@" + w.site});  // display name "Test bea.pp"
  TempDir dir("passport-journey-");
  IssuingCentre north(dir.path(), "bea", "Test bea.pp");
  north.train("kymriah", "2026-01-15", "2027-06-01");
  const auto file = dir.path() / "bea.passport.json";
  ASSERT_EQ(north.export_to(file).exit_code, 0);
  ASSERT_EQ(
      run_at(uri(), {"centre", "trust", "add", "--name", "North Centre", "--public-key", north.public_key()}).exit_code,
      0);

  // Before the import she has no Kymriah training here: her receipt is kept with a deviation.
  json::object receive{{"journey", coi},
                       {"step", "product.receive"},
                       {"occurred_at", "2026-10-30T09:00:00Z"},
                       {"station", w.station},
                       {"operators", json::array{"bea.pp"}},
                       {"scans", json::array{"SHIP-" + w.site}},
                       {"data", json::object{{"logger_readings_c", json::array{-185.0, -180.5}},
                                             {"checklist", json::object{{"shipper_intact", true},
                                                                        {"tamper_seal_matches", true},
                                                                        {"logger_no_alarm", true}}}}},
                       {"idempotency_key", "pp-receive"}};
  auto received = station_of(w).post("/api/v1/scans", receive);
  ASSERT_EQ(received.status, 200) << received.raw;
  EXPECT_TRUE(has_deviation(received.body, "TRAINING_MISSING")) << received.raw;

  auto imported = run_at(uri(), {"passport", "import", file.string(), "--user", "bea.pp"});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;

  json::object store{{"journey", coi},
                     {"step", "product.store"},
                     {"occurred_at", "2026-10-30T09:20:00Z"},
                     {"station", w.station},
                     {"operators", json::array{"bea.pp"}},
                     {"scans", json::array{"=A99992682345600", "=<S1194A00"}},
                     {"data", json::object{{"location", "LN2-1/R2/B5"}, {"temperature_c", -180.0}}},
                     {"idempotency_key", "pp-store"}};
  auto stored = station_of(w).post("/api/v1/scans", store);
  ASSERT_EQ(stored.status, 200) << stored.raw;
  EXPECT_EQ(stored.text("decision"), "accepted");
  EXPECT_FALSE(has_deviation(stored.body, "TRAINING_MISSING")) << stored.raw;
}

}  // namespace
}  // namespace cj::testing
