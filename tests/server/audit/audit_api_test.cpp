// GET /api/v1/audit/verify: quality staff verify the tamper-evident journal over HTTP.
#include <gtest/gtest.h>

#include "server/passport/signing_key.h"
#include "tests/support/api_suite.h"
#include "tests/support/journal_seed.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

class AuditApiTest : public ApiSuite {
 protected:
  // The server signs checkpoints with a centre key of the suite's own.
  static void SetUpTestSuite() {
    keys_ = std::make_unique<TempDir>();
    const auto key = keys_->path() / "centre.key";
    ASSERT_EQ(passport::write_key_file(key, passport::SigningKey::generate()), "");
    start_suite({"--centre-key-file", key.string()});
  }
  static void TearDownTestSuite() {
    ApiSuite::TearDownTestSuite();
    keys_.reset();
  }
  static inline std::unique_ptr<TempDir> keys_;

  // A journey at `site` with one accepted event; returns its COI.
  static std::string journey_with_one_event(const std::string& site, const std::string& mrn) {
    return seed_journey_event(uri(), site, mrn).coi;
  }
};

TEST_F(AuditApiTest, QaVerifiesAnIntactJournal) {
  add_site("audit-north", "A9981");
  add_user("quinn", {"qa@audit-north"});
  journey_with_one_event("audit-north", "MRN-A1");

  auto reply = log_in("quinn").get("/api/v1/audit/verify");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("intact"), true) << reply.raw;
  EXPECT_GE(reply.body.at("events_checked").as_int64(), 1);
}

TEST_F(AuditApiTest, ATamperedEventIsNamedByItsJourneyAndSeq) {
  add_site("audit-south", "A9982");
  add_user("quincy", {"qa@audit-south"});
  const std::string coi = journey_with_one_event("audit-south", "MRN-S1");
  // A superuser switching the append-only guard off to rewrite history.
  sql("ALTER TABLE events DISABLE TRIGGER events_append_only");
  sql("UPDATE events SET data = '{\"order_reference\": \"PO-FORGED\"}' "
      "WHERE journey_id = (SELECT id FROM journeys WHERE coi = $1)",
      coi);
  sql("ALTER TABLE events ENABLE TRIGGER events_append_only");

  auto reply = log_in("quincy").get("/api/v1/audit/verify");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("intact"), false);
  bool named = false;
  for (const auto& link : reply.body.at("broken").as_array()) {
    if (link.at("coi") == coi.c_str() && link.at("seq") == 1) named = true;
  }
  EXPECT_TRUE(named) << reply.raw;
}

TEST_F(AuditApiTest, TheReportCoversOnlyTheCallersSites) {
  add_site("audit-east", "A9984");
  add_site("audit-west", "A9985");
  add_user("quentin", {"qa@audit-east"});
  add_user("wanda", {"qa@audit-west"});
  const std::string west = journey_with_one_event("audit-west", "MRN-W1");
  journey_with_one_event("audit-east", "MRN-E1");
  sql("UPDATE journeys SET product = 'forged' WHERE coi = $1", west);

  const auto east_report = log_in("quentin").get("/api/v1/audit/verify");
  ASSERT_EQ(east_report.status, 200) << east_report.raw;
  EXPECT_EQ(east_report.raw.find(west), std::string::npos) << east_report.raw;
  EXPECT_EQ(east_report.body.at("admin_entries_checked"), 0)
      << "QA is no admin: the administration chain is not theirs";

  const auto west_report = log_in("wanda").get("/api/v1/audit/verify");
  ASSERT_EQ(west_report.status, 200) << west_report.raw;
  EXPECT_EQ(west_report.body.at("intact"), false) << west_report.raw;
  EXPECT_NE(west_report.raw.find(west), std::string::npos) << west_report.raw;
  EXPECT_NE(west_report.raw.find("product was changed"), std::string::npos) << west_report.raw;
}

TEST_F(AuditApiTest, TheReportNeverShowsPatientIdentifiers) {
  add_site("audit-mid", "A9986");
  add_user("quill", {"qa@audit-mid"});
  const std::string coi = journey_with_one_event("audit-mid", "MRN-M1");
  sql("UPDATE patients SET mrn = 'MRN-M2' WHERE mrn = $1", std::string("MRN-M1"));
  sql("ALTER TABLE events DISABLE TRIGGER events_append_only");
  sql("UPDATE events SET scans = ARRAY['MRN-M2'] WHERE journey_id = (SELECT id FROM journeys WHERE coi = $1)", coi);
  sql("ALTER TABLE events ENABLE TRIGGER events_append_only");

  const auto reply = log_in("quill").get("/api/v1/audit/verify");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("intact"), false) << reply.raw;
  EXPECT_NE(reply.raw.find("MRN differs"), std::string::npos) << reply.raw;
  EXPECT_EQ(reply.raw.find("MRN-M1"), std::string::npos) << reply.raw;
  EXPECT_EQ(reply.raw.find("MRN-M2"), std::string::npos) << reply.raw;
}

TEST_F(AuditApiTest, QaTakesASignedCheckpointAndExportsIt) {
  add_site("audit-cp", "A9987");
  add_user("quade", {"qa@audit-cp"});
  journey_with_one_event("audit-cp", "MRN-C1");
  auto qa = log_in("quade");
  const auto taken = qa.post("/api/v1/audit/checkpoints", boost::json::object{});
  ASSERT_EQ(taken.status, 201) << taken.raw;
  EXPECT_EQ(taken.body.at("signature").as_string().size(), 128u) << taken.raw;
  const auto latest = qa.get("/api/v1/audit/checkpoints/latest");
  ASSERT_EQ(latest.status, 200) << latest.raw;
  EXPECT_EQ(latest.body.at("id"), taken.body.at("id"));
  EXPECT_EQ(latest.body.at("body"), taken.body.at("body"));
}

TEST_F(AuditApiTest, AJourneyDeletedAfterACheckpointIsNamedToItsSitesQa) {
  add_site("audit-del", "A9988");
  add_user("quinta", {"qa@audit-del"});
  const std::string coi = journey_with_one_event("audit-del", "MRN-D1");
  auto qa = log_in("quinta");
  ASSERT_EQ(qa.post("/api/v1/audit/checkpoints", boost::json::object{}).status, 201);
  sql("ALTER TABLE events DISABLE TRIGGER USER");
  sql("ALTER TABLE journey_facts DISABLE TRIGGER USER");
  sql("DELETE FROM board_rows WHERE journey_id = (SELECT id FROM journeys WHERE coi = $1)", coi);
  sql("DELETE FROM events WHERE journey_id = (SELECT id FROM journeys WHERE coi = $1)", coi);
  sql("DELETE FROM journey_facts WHERE journey_id = (SELECT id FROM journeys WHERE coi = $1)", coi);
  sql("DELETE FROM journeys WHERE coi = $1", coi);
  sql("ALTER TABLE events ENABLE TRIGGER USER");
  sql("ALTER TABLE journey_facts ENABLE TRIGGER USER");

  const auto reply = qa.get("/api/v1/audit/verify");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_NE(reply.raw.find("journey " + coi + " was deleted"), std::string::npos) << reply.raw;
}

TEST_F(AuditApiTest, ClinicalStaffMayNotRunIt) {
  add_site("audit-ward", "A9983");
  add_user("carla", {"clinical@audit-ward"});
  EXPECT_EQ(log_in("carla").get("/api/v1/audit/verify").status, 403);
}

TEST_F(AuditApiTest, WithoutCredentialsItIs401) { EXPECT_EQ(anonymous().get("/api/v1/audit/verify").status, 401); }

}  // namespace
}  // namespace cj::testing
