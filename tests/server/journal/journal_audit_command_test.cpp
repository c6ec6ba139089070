// `celljourney audit verify` on a real database: exit 0 when intact, 1 once a row is tampered.
#include <gtest/gtest.h>

#include "tests/support/server_process.h"
#include "tests/server/journal/journal_test_world.h"

namespace cj::testing {
namespace {

TEST_F(JournalTest, AuditVerifyExitsZeroOnAnIntactJournalAndOneAfterTampering) {
  const auto journey = new_journey();
  append(accepted_event(journey, "order"));
  append(accepted_event(journey, "apheresis.collect", 5));

  const auto intact = run_celljourney({"audit", "verify", "--database", uri()});
  EXPECT_EQ(intact.exit_code, 0) << intact.output;
  EXPECT_NE(intact.output.find("Audit trail verified: 1 journey, 2 events, 1 fact"), std::string::npos)
      << intact.output;

  {
    pqxx::work tx(conn_);
    tx.exec("ALTER TABLE events DISABLE TRIGGER events_append_only");
    tx.exec_params("UPDATE events SET scans = ARRAY['=A99992612345600'] WHERE journey_id = $1 AND seq = 2", journey.id);
    tx.exec("ALTER TABLE events ENABLE TRIGGER events_append_only");
    tx.commit();
  }
  const auto broken = run_celljourney({"audit", "verify", "--database", uri()});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("journey " + journey.coi), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("event seq 2"), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("scans"), std::string::npos) << broken.output;

  const auto as_json = run_celljourney({"audit", "verify", "--json", "--database", uri()});
  EXPECT_EQ(as_json.exit_code, 1) << as_json.output;
  EXPECT_NE(as_json.output.find("\"intact\":false"), std::string::npos) << as_json.output;
  EXPECT_NE(as_json.output.find("\"seq\":2"), std::string::npos) << as_json.output;
}

TEST(AuditCommand, AnUnknownSubcommandIsAUsageError) {
  const auto run = run_celljourney({"audit", "rewrite"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("usage: celljourney audit verify"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace cj::testing
