// The deadline sweeper's OVERDUE deviations: raised once per overdue obligation, however often
// the sweeper finds it again.
#include <gtest/gtest.h>

#include "server/journal/deviations.h"
#include "server/journal/load_journey.h"
#include "tests/server/journal/journal_test_world.h"

namespace cj::testing {
namespace {

workflows::DeadlineReport overdue_store_of(const std::vector<std::string>& units) {
  using namespace workflows;
  DeadlineReport report;
  const TimePoint due = *parse_time("2026-10-10T12:00:00Z");
  report.now = due + std::chrono::hours(2);
  report.open.push_back({"infusion.end", "", std::nullopt, ""});  // open, no deadline: not overdue
  for (const auto& unit : units) {
    report.open.push_back({"product.store", unit, due, "kymriah/receive-to-store"});
    report.overdue.push_back({Code::Overdue, code_info(Code::Overdue).severity,
                              "product.store of unit " + unit + " was due by 2026-10-10T12:00:00Z",
                              "kymriah/receive-to-store"});
  }
  return report;
}

TEST_F(JournalTest, TheSweeperRaisesEachOverdueObligationOnce) {
  const auto journey = new_journey();
  pqxx::work tx(conn_);
  auto first = journal::raise_overdue(tx, journey.id, overdue_store_of({"A999926123456"}));
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->size(), 1u);
  // The next sweep finds it again, and a second bag now overdue too.
  auto second = journal::raise_overdue(tx, journey.id, overdue_store_of({"A999926123456", "A999926123457"}));
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  EXPECT_EQ(second->size(), 1u);
  tx.commit();

  pqxx::read_transaction read(conn_);
  auto loaded = journal::load_journey(read, journey.id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->open_deviations.size(), 2u);
  EXPECT_EQ(loaded->open_deviations[0].code, "OVERDUE");
  EXPECT_EQ(loaded->open_deviations[0].event_id, std::nullopt);
  EXPECT_EQ(loaded->open_deviations[0].subject, "product.store A999926123456");
  EXPECT_EQ(loaded->open_deviations[1].subject, "product.store A999926123457");
  EXPECT_EQ(read.exec("SELECT count(*) FROM deviation_events WHERE action = 'raised'")[0][0].as<int>(), 2);
}

TEST_F(JournalTest, AnOverdueReportMustMatchItsObligations) {
  const auto journey = new_journey();
  auto report = overdue_store_of({"A999926123456"});
  report.overdue.push_back(report.overdue.front());
  pqxx::work tx(conn_);
  EXPECT_EQ(journal::raise_overdue(tx, journey.id, report).error().code(), storage::Status::Code::kInvalidArgument);
  EXPECT_EQ(journal::raise_overdue(tx, 999999, overdue_store_of({})).error().code(), storage::Status::Code::kNotFound);
}

}  // namespace
}  // namespace cj::testing
