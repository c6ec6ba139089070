// Registry and FHIR export through the real server and CLI (docs/export.md): journeys recorded
// through POST /api/v1/scans (journey_world.h), exported per journey and per date range, by
// whom, and the audit row of every export.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "server/journal/hash.h"
#include "tests/server/exports/csv_rows.h"
#include "tests/server/exports/fhir_structure.h"
#include "tests/support/http_client.h"
#include "tests/support/journey_world.h"
#include "tests/support/server_process.h"

namespace cj::testing {
namespace {

class ExportTest : public JourneySuite {
 protected:
  // column name -> cell of the row of coi; empty when there is none.
  static std::map<std::string, std::string> csv_row(const std::string& csv, const std::string& coi) {
    return exports::testing::csv_row(csv, coi);
  }

  static HttpReply get_as(const std::string& username, const std::string& target) {
    return http_request(port(), "GET", target, {}, "application/json", log_in(username).authorization());
  }

  static std::string joined(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
  }
};

TEST_F(ExportTest, CoordinatorExportsAJourneyAsCsvWithTheIntervalsOfItsEvents) {
  const World w = seed_world("e1", "J0101");
  const std::string coi = kymriah_journey_until(w, 2, "");
  const HttpReply reply = get_as(w.coordinator, "/api/v1/journeys/" + coi + "/export?format=csv");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "text/csv; charset=utf-8; header=present");
  const auto row = csv_row(reply.body, coi);
  ASSERT_FALSE(row.empty()) << reply.body;
  EXPECT_EQ(row.at("vein_to_vein_days"), "45.91");          // 10-05 12:00 -> 11-20 09:50
  EXPECT_EQ(row.at("decision_to_infusion_days"), "50.03");  // 10-01 09:00 -> 11-20 09:50
  EXPECT_EQ(row.at("manufacturing_turnaround_days"), "22.00");
  EXPECT_EQ(row.at("apheresis_age_at_manufacturing_start_days"), "1.83");
  EXPECT_EQ(row.at("thaw_to_infusion_end_max_minutes"), "30");
  EXPECT_EQ(row.at("ld_end_to_infusion_days"), "") << "no lymphodepletion.end recorded";
  EXPECT_EQ(row.at("product_dins"), "A999926223456");
}

TEST_F(ExportTest, JourneyWithoutInfusionLeavesTheInfusionColumnsEmpty) {
  const World w = seed_world("e2", "J0102");
  const std::string coi = kymriah_journey_until(w, 3, "infusion.start");
  const HttpReply reply = get_as(w.coordinator, "/api/v1/journeys/" + coi + "/export?format=csv");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto row = csv_row(reply.body, coi);
  ASSERT_FALSE(row.empty()) << reply.body;
  EXPECT_EQ(row.at("vein_to_vein_days"), "");
  EXPECT_EQ(row.at("infusion_date"), "");
  EXPECT_EQ(row.at("bags_infused"), "0");
  EXPECT_EQ(row.at("manufacturing_turnaround_days"), "22.00");
}

TEST_F(ExportTest, FhirExportOfAJourneyPassesTheStructureCheckAndHoldsNoMrn) {
  const World w = seed_world("e3", "J0103");
  const std::string coi = kymriah_journey_until(w, 4, "", "MRN33333");
  const HttpReply reply = get_as(w.coordinator, "/api/v1/journeys/" + coi + "/export?format=fhir");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "application/fhir+json; fhirVersion=4.0");
  const auto bundle = boost::json::parse(reply.body);
  const auto problems = exports::testing::fhir_r4_problems(bundle);
  EXPECT_TRUE(problems.empty()) << joined(problems);
  EXPECT_NE(reply.body.find(coi), std::string::npos);
  EXPECT_EQ(reply.body.find("MRN33333"), std::string::npos) << "pseudonymous: the COI only";
}

TEST_F(ExportTest, EveryExportIsWrittenToTheAuditTrailWithTheHashOfWhatWasSent) {
  const World w = seed_world("e4", "J0104");
  const std::string coi = kymriah_journey_until(w, 5, "");
  const HttpReply reply = get_as(w.coordinator, "/api/v1/journeys/" + coi + "/export?format=csv");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string details = sql(
      "SELECT actor || ' ' || action || ' ' || details::text FROM admin_log WHERE subject = $1 AND action LIKE 'export.%'",
      coi);
  const std::string sha = journal::to_hex(journal::sha256(reply.body));
  EXPECT_NE(details.find("cora.e4 export.csv"), std::string::npos) << details;
  EXPECT_NE(details.find("\"sha256\": \"" + sha + "\""), std::string::npos) << details;
  EXPECT_NE(details.find("\"journeys\": 1"), std::string::npos) << details;
}

TEST_F(ExportTest, ClinicalStaffMayNotExport) {
  const World w = seed_world("e5", "J0105");
  const std::string coi = kymriah_journey_until(w, 6, "");
  const auto reply = log_in("nina.e5").get("/api/v1/journeys/" + coi + "/export?format=csv");
  EXPECT_EQ(reply.status, 403) << reply.raw;
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE subject = $1 AND action LIKE 'export.%'", coi), "0")
      << "nothing was exported";
}

TEST_F(ExportTest, QaMayExport) {
  const World w = seed_world("e6", "J0106");
  const std::string coi = kymriah_journey_until(w, 7, "infusion.verify");
  add_user("quinn.e6", {"qa@e6"});
  EXPECT_EQ(get_as("quinn.e6", "/api/v1/journeys/" + coi + "/export?format=fhir").status, 200);
}

TEST_F(ExportTest, AnotherSitesCoordinatorNeitherSeesNorExportsTheJourney) {
  const World w = seed_world("e7", "J0107");
  const World other = seed_world("e7x", "J0117");
  const std::string coi = kymriah_journey_until(w, 8, "infusion.verify");
  const auto one = log_in(other.coordinator).get("/api/v1/journeys/" + coi + "/export?format=csv");
  EXPECT_EQ(one.status, 404) << one.raw;
  EXPECT_EQ(one.error_code(), "UNKNOWN_JOURNEY");
  const HttpReply range = get_as(other.coordinator, "/api/v1/export?from=2026-10-01&to=2026-11-30&format=csv");
  ASSERT_EQ(range.status, 200) << range.body;
  EXPECT_EQ(range.body.find(coi), std::string::npos) << range.body;
}

TEST_F(ExportTest, RangeExportHoldsTheJourneysWithAnEventInTheRange) {
  const World w = seed_world("e8", "J0108");
  const std::string coi = kymriah_journey_until(w, 9, "product.ship");  // events 10-01 .. 10-28
  const HttpReply october = get_as(w.coordinator, "/api/v1/export?from=2026-10-28&to=2026-10-28&format=csv");
  ASSERT_EQ(october.status, 200) << october.body;
  EXPECT_FALSE(csv_row(october.body, coi).empty()) << "the release on 10-28 is in the range: " << october.body;
  const HttpReply november = get_as(w.coordinator, "/api/v1/export?from=2026-10-29&to=2026-11-30&format=csv");
  ASSERT_EQ(november.status, 200) << november.body;
  EXPECT_TRUE(csv_row(november.body, coi).empty()) << november.body;
  EXPECT_NE(
      sql("SELECT details::text FROM admin_log WHERE actor = $1 AND action = 'export.csv' ORDER BY id DESC LIMIT 1",
          w.coordinator)
          .find("\"from\": \"2026-10-29\""),
      std::string::npos);
}

TEST_F(ExportTest, ARangeNeedsDatesAndAKnownFormat) {
  const World w = seed_world("e9", "J0109");
  auto coordinator = log_in(w.coordinator);
  EXPECT_EQ(coordinator.get("/api/v1/export?from=2026-10-01&to=2026-10-31&format=xml").error_field(), "format");
  EXPECT_EQ(coordinator.get("/api/v1/export?from=2026-10-01&format=csv").error_field(), "to");
  EXPECT_EQ(coordinator.get("/api/v1/export?from=2026-13-01&to=2026-10-31&format=csv").error_field(), "from");
  EXPECT_EQ(coordinator.get("/api/v1/export?from=2026-10-31&to=2026-10-01&format=csv").error_field(), "to");
}

TEST_F(ExportTest, CommandLineExportWritesTheFileAndAnAuditRow) {
  const World w = seed_world("e10", "J0110");
  const std::string coi = kymriah_journey_until(w, 1, "");
  const auto path =
      std::filesystem::temp_directory_path() / ("celljourney-export-" + std::to_string(::getpid()) + ".json");
  const auto result = run_celljourney({"export", "--database", uri(), "--from", "2026-10-01", "--to", "2026-11-30",
                                       "--format", "fhir", "--site", w.site, "-o", path.string()});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove(path);
  const auto bundle = boost::json::parse(text.str());
  const auto problems = exports::testing::fhir_r4_problems(bundle);
  EXPECT_TRUE(problems.empty()) << joined(problems);
  EXPECT_NE(text.str().find(coi), std::string::npos);
  const std::string row =
      sql("SELECT actor || ' ' || subject || ' ' || details::text FROM admin_log WHERE action = "
          "'export.fhir' AND subject = $1",
          "journeys@" + w.site);
  EXPECT_EQ(row.rfind("cli:", 0), 0u) << row;
  EXPECT_NE(row.find(journal::to_hex(journal::sha256(text.str()))), std::string::npos) << row;
}

}  // namespace
}  // namespace cj::testing
