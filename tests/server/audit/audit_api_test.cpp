// GET /api/v1/audit/verify: quality staff verify the tamper-evident journal over HTTP.
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"
#include "tests/support/journal_seed.h"

namespace cj::testing {
namespace {

class AuditApiTest : public ApiSuite {
 protected:
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

TEST_F(AuditApiTest, ClinicalStaffMayNotRunIt) {
  add_site("audit-ward", "A9983");
  add_user("carla", {"clinical@audit-ward"});
  EXPECT_EQ(log_in("carla").get("/api/v1/audit/verify").status, 403);
}

TEST_F(AuditApiTest, WithoutCredentialsItIs401) { EXPECT_EQ(anonymous().get("/api/v1/audit/verify").status, 401); }

}  // namespace
}  // namespace cj::testing
