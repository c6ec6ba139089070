// verify_chains(): an intact journal verifies; rows altered or deleted behind the trigger's back
// (as a superuser who disables it) are caught, naming the journey and the event's seq.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "server/journal/verify_chains.h"
#include "tests/server/journal/journal_test_world.h"

namespace cj::testing {
namespace {

class VerifyTest : public JournalTest {
 protected:
  void SetUp() override {
    JournalTest::SetUp();
    other_ = new_journey();
    journey_ = new_journey();
    append(accepted_event(other_, "order"));
    for (int i = 0; i < 3; ++i) append(accepted_event(journey_, i == 0 ? "order" : "apheresis.collect", i));
  }

  // What an attacker with superuser rights does: switch the guard off, change, switch it on.
  void tamper(const std::string& sql) {
    pqxx::work tx(conn_);
    tx.exec("ALTER TABLE events DISABLE TRIGGER events_append_only");
    tx.exec_params(sql, journey_.id);
    tx.exec("ALTER TABLE events ENABLE TRIGGER events_append_only");
    tx.commit();
  }

  // The one broken link the report should hold (a copy: the report is usually a temporary).
  journal::BrokenLink only_break(const journal::VerifyReport& report) {
    EXPECT_FALSE(report.intact());
    EXPECT_EQ(report.broken.size(), 1u);
    if (report.broken.empty()) return {};
    EXPECT_EQ(report.broken[0].coi, journey_.coi);
    return report.broken[0];
  }

  journal::CreatedJourney other_;
  journal::CreatedJourney journey_;
};

TEST_F(VerifyTest, AnIntactJournalVerifies) {
  const auto report = journal::verify_chains(conn_);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.journeys_checked, 2);
  EXPECT_EQ(report.events_checked, 4);
  std::ostringstream text;
  journal::print_verify_report(report, text);
  EXPECT_EQ(text.str(),
            "Audit trail verified: 2 journeys, 4 events, 2 facts, 0 administration entries, 0 signed checkpoints; "
            "every chain is intact (no signed checkpoint yet: a journey deleted whole would go unnoticed).\n");
  EXPECT_EQ(boost::json::serialize(journal::to_json(report)),
            R"({"intact":true,"journeys_checked":2,"events_checked":4,"facts_checked":2,"admin_entries_checked":0,)"
            R"("checkpoints_checked":0,"latest_checkpoint":null,"broken":[]})");
}

TEST_F(VerifyTest, AnEmptyJournalVerifies) {
  FreshDatabase empty;
  pqxx::connection conn(empty.uri());
  const auto report = journal::verify_chains(conn);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.journeys_checked, 0);
}

TEST_F(VerifyTest, AnAlteredColumnIsCaughtNamingTheJourneyAndSeq) {
  tamper("UPDATE events SET data = jsonb_set(data, '{temperature_c}', '-80') WHERE journey_id = $1 AND seq = 2");
  const auto link = only_break(journal::verify_chains(conn_));
  EXPECT_EQ(link.seq, 2);
  EXPECT_NE(link.problem.find("data.temperature_c differs from its hashed record"), std::string::npos) << link.problem;
  EXPECT_EQ(link.expected, R"({"order_reference":"PO-1","temperature_c":-1.52E2})");
  EXPECT_EQ(link.found, R"({"order_reference":"PO-1","temperature_c":-80})");
}

TEST_F(VerifyTest, AnAlteredOperatorIsCaught) {
  tamper("UPDATE events SET operators = ARRAY['mallory'] WHERE journey_id = $1 AND seq = 1");
  EXPECT_EQ(only_break(journal::verify_chains(conn_)).seq, 1);
}

TEST_F(VerifyTest, AnEventMovedToAnotherStationIsCaught) {
  {
    pqxx::work tx(conn_);
    tx.exec_params("INSERT INTO stations (code, site_id, name, key_hash) VALUES ('CL-9', $1, 'Cell lab', sha256('k'))",
                   site_id_);
    tx.commit();
  }
  tamper("UPDATE events SET station_id = (SELECT id FROM stations WHERE code = 'CL-9') WHERE journey_id = $1");
  const auto link = only_break(journal::verify_chains(conn_));
  EXPECT_EQ(link.seq, 1);
  EXPECT_NE(link.problem.find("station_id differs"), std::string::npos) << link.problem;
  EXPECT_EQ(link.expected, "null");
}

TEST_F(VerifyTest, AnOccurredAtMovedByAMicrosecondIsCaught) {
  tamper("UPDATE events SET occurred_at = occurred_at + interval '1 microsecond' WHERE journey_id = $1 AND seq = 3");
  const auto link = only_break(journal::verify_chains(conn_));
  EXPECT_EQ(link.seq, 3);
  EXPECT_NE(link.problem.find("occurred_at"), std::string::npos) << link.problem;
}

TEST_F(VerifyTest, ARewrittenRecordWhoseHashNoLongerMatchesIsCaught) {
  tamper(
      "UPDATE events SET canonical = replace(canonical, 'PO-1', 'PO-2'),"
      " data = jsonb_set(data, '{order_reference}', '\"PO-2\"') WHERE journey_id = $1 AND seq = 2");
  const auto link = only_break(journal::verify_chains(conn_));
  EXPECT_EQ(link.seq, 2);
  EXPECT_NE(link.problem.find("hash does not match"), std::string::npos) << link.problem;
  EXPECT_EQ(link.expected.size(), 64u);
  EXPECT_NE(link.expected, link.found);
}

TEST_F(VerifyTest, ARecordRehashedInPlaceBreaksTheNextLink) {
  // The attacker recomputes the altered event's hash too (here: by hashing in SQL).
  tamper(
      "UPDATE events SET canonical = replace(canonical, 'PO-1', 'PO-2'),"
      " data = jsonb_set(data, '{order_reference}', '\"PO-2\"'),"
      " hash = sha256(prev_hash || convert_to(replace(canonical, 'PO-1', 'PO-2'), 'UTF8'))"
      " WHERE journey_id = $1 AND seq = 2");
  const auto link = only_break(journal::verify_chains(conn_));
  EXPECT_EQ(link.seq, 3);
  EXPECT_NE(link.problem.find("prev_hash does not link"), std::string::npos) << link.problem;
}

TEST_F(VerifyTest, ADeletedEventIsCaught) {
  tamper("DELETE FROM events WHERE journey_id = $1 AND seq = 2");
  const auto link = only_break(journal::verify_chains(conn_));
  EXPECT_EQ(link.seq, 2);
  EXPECT_NE(link.problem.find("event seq 2 is missing"), std::string::npos) << link.problem;
}

TEST_F(VerifyTest, ADeletedLastEventIsCaughtByTheJourneysChainHead) {
  tamper("DELETE FROM events WHERE journey_id = $1 AND seq = 3");
  const auto link = only_break(journal::verify_chains(conn_));
  EXPECT_EQ(link.seq, 3);
  EXPECT_NE(link.problem.find("events were deleted at the end"), std::string::npos) << link.problem;
}

TEST_F(VerifyTest, TheReportForPeopleNamesJourneySeqAndWhatDiffers) {
  tamper("DELETE FROM events WHERE journey_id = $1 AND seq = 1");
  const auto report = journal::verify_chains(conn_);
  std::ostringstream text;
  journal::print_verify_report(report, text);
  EXPECT_NE(text.str().find("AUDIT TRAIL BROKEN: 1 broken chain (2 journeys"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("journey " + journey_.coi + " (id " + std::to_string(journey_.id) + "), event seq 1:"),
            std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("expected: seq 1"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("found:    seq 2"), std::string::npos) << text.str();
}

}  // namespace
}  // namespace cj::testing
