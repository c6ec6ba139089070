// The board's projection follows the journal: every change to a journey (a scan accepted or
// refused, a deviation raised or closed, an OVERDUE found by the sweeper, a hold, a return, a
// disposal, the last infusion) is on its board row as soon as it commits, because the row is
// written in the same transaction (server/board/projection.h).
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/board/projection.h"
#include "tests/server/board/board_world.h"
#include "tests/support/deviation_lifecycle.h"
#include "tests/support/server_process.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class BoardProjectionTest : public BoardSuite {
 protected:
  // A board row as stored, every column but updated_at (when it was written), as JSON text.
  static constexpr const char* kStoredRow =
      "SELECT (to_jsonb(b) - 'updated_at')::text FROM board_rows b JOIN journeys j ON j.id = b.journey_id"
      " WHERE j.coi = $1";

  /// An apheresis.label scan of a bag that is no journey's: refused (422), and recorded.
  static ApiReply label_a_bag_of_no_journey(const World& w, const std::string& coi, const std::string& key) {
    return station_of(w).post("/api/v1/scans", json::object{{"journey", coi},
                                                            {"step", "apheresis.label"},
                                                            {"occurred_at", "2026-10-05T12:10:00Z"},
                                                            {"station", w.station},
                                                            {"operators", json::array{w.nurse}},
                                                            {"scans", json::array{"=A99992690000100", "&/" + coi}},
                                                            {"data", json::object{}},
                                                            {"idempotency_key", key}});
  }

  /// The journey's row as the scan path wrote it.
  static std::string row_written(const std::string& coi) { return sql(kStoredRow, coi); }

  /// The row a full refresh computes from the journal (board::refresh, which reads the journey
  /// again), in a transaction that is rolled back: the database keeps the scan path's row.
  static std::string row_from_journal(const std::string& coi) {
    pqxx::connection conn(uri());
    pqxx::work tx(conn);
    board::refresh(tx, coi);
    return tx.exec_params1(kStoredRow, coi)[0].as<std::string>();
  }
};

TEST_F(BoardProjectionTest, TheRowAnAcceptedScanWritesIsTheRowTheJournalGives) {
  const World w = seed_world("bp-same-ok", "J0111");
  const std::string coi = kymriah_journey_until(w, 6, "apheresis.ship", "MRN00011");  // order .. label accepted

  const std::string written = row_written(coi);

  ASSERT_NE(written, "");
  EXPECT_NE(written.find("\"stage_step\": \"apheresis.label\""), std::string::npos) << written;
  EXPECT_EQ(written, row_from_journal(coi));
}

TEST_F(BoardProjectionTest, TheRowARefusedScanWritesIsTheRowTheJournalGives) {
  const World w = seed_world("bp-same-refused", "J0112");
  const std::string coi = kymriah_journey_until(w, 7, "apheresis.label", "MRN00012");
  auto reply = label_a_bag_of_no_journey(w, coi, "bp-same-refused-bag");
  ASSERT_EQ(reply.status, 422) << reply.raw;

  const std::string written = row_written(coi);

  EXPECT_NE(written.find("\"last_event_id\": " + newest_event_id(coi)), std::string::npos) << written;
  EXPECT_EQ(written, row_from_journal(coi));
}

TEST_F(BoardProjectionTest, TheRowADeviationRaisingScanWritesIsTheRowTheJournalGives) {
  const World w = seed_world("bp-same-dev", "J0113");
  const std::string coi = new_journey(w, "MRN00013");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "bp-same-dev-order")).status, 200);
  // manufacturing.receive straight after the order: out of order, kept with a deviation.
  auto early = desk_event(coi, "manufacturing.receive", json::array{w.coordinator},
                          json::object{{"logger_readings_c", json::array{4.0}}});
  ASSERT_EQ(early.status, 200) << early.raw;

  const std::string written = row_written(coi);

  EXPECT_NE(written.find("\"deviation_codes\": [\"OUT_OF_ORDER\"]"), std::string::npos) << written;
  EXPECT_EQ(written, row_from_journal(coi));
}

TEST_F(BoardProjectionTest, ANewJourneyIsOnTheBoardBeforeItsFirstStepWithItsOrderExpected) {
  const World w = seed_world("bp-new", "J0101");
  const std::string coi = new_journey(w, "MRN00001");

  const json::object row = row_of(w, coi);

  ASSERT_FALSE(row.empty());
  EXPECT_EQ(row.at("status"), "active");
  EXPECT_EQ(row.at("stage").at("index"), 0);
  EXPECT_TRUE(row.at("stage").at("step").is_null());
  EXPECT_EQ(row.at("stage").at("of"), 13);
  EXPECT_EQ(row.at("next").at("step"), "order");
  EXPECT_EQ(row.at("deviations_open"), 0);
  EXPECT_TRUE(row.at("last_event_id").is_null());
  EXPECT_EQ(row.at("site"), "bp-new");
  EXPECT_EQ(row.at("product"), "kymriah");
}

TEST_F(BoardProjectionTest, AcceptedScansMoveTheStageToTheFurthestCoreStepSinceItsFirstEvent) {
  const World w = seed_world("bp-move", "J0102");
  const std::string coi = kymriah_journey_until(w, 2, "manufacturing.receive", "MRN00002");

  const json::object row = row_of(w, coi);

  EXPECT_EQ(row.at("stage").at("step"), "apheresis.ship");
  EXPECT_EQ(row.at("stage").at("index"), 4);
  EXPECT_EQ(row.at("stage_since"), "2026-10-05T15:00:00Z");
  EXPECT_EQ(row.at("next").at("step"), "manufacturing.receive");
  EXPECT_EQ(json::serialize(row.at("last_event_id")), newest_event_id(coi));
}

TEST_F(BoardProjectionTest, ARefusedScanIsTheLastEventButDoesNotMoveTheStage) {
  const World w = seed_world("bp-refuse", "J0103");
  const std::string coi = kymriah_journey_until(w, 3, "apheresis.label", "MRN00003");
  const json::object before = row_of(w, coi);

  auto reply = label_a_bag_of_no_journey(w, coi, "bp-refuse-wrong-bag");

  ASSERT_EQ(reply.status, 422) << reply.raw;
  const json::object after = row_of(w, coi);
  EXPECT_EQ(after.at("stage"), before.at("stage"));
  EXPECT_EQ(after.at("stage").at("step"), "apheresis.collect");
  EXPECT_EQ(after.at("stage_since"), before.at("stage_since"));
  EXPECT_EQ(json::serialize(after.at("last_event_id")), newest_event_id(coi));
  EXPECT_NE(after.at("last_event_id"), before.at("last_event_id"));
}

TEST_F(BoardProjectionTest, ADeviationIsCountedWhenRaisedAndNoLongerOnceQaClosesIt) {
  const World w = seed_world("bp-dev", "J0104");
  add_user("qa.bp-dev", {"qa@bp-dev"});
  const std::string coi = new_journey(w, "MRN00004");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "bp-dev-order")).status, 200);

  // manufacturing.receive straight after the order: out of order, kept with a deviation.
  auto early = desk_event(coi, "manufacturing.receive", json::array{w.coordinator},
                          json::object{{"logger_readings_c", json::array{4.0}}});
  ASSERT_EQ(early.status, 200) << early.raw;
  const json::object raised = row_of(w, coi);
  EXPECT_EQ(raised.at("deviations_open"), 1);
  EXPECT_EQ(raised.at("deviation_codes"), (json::array{"OUT_OF_ORDER"}));
  EXPECT_EQ(raised.at("deviations_severe"), 1) << "OUT_OF_ORDER is major";
  EXPECT_EQ(raised.at("stage").at("step"), "manufacturing.receive");
  // The progress line: the order (stage 1) and the receipt (stage 5) happened; 2 to 4 did not.
  EXPECT_EQ(raised.at("stage").at("done"), (json::array{1, 5}));

  auto qa = log_in("qa.bp-dev");
  const auto listed = qa.get("/api/v1/deviations?journey=" + coi);
  ASSERT_EQ(listed.status, 200) << listed.raw;
  const auto id = listed.body.at("deviations").at(0).at("id").as_int64();
  bring_to_disposition(qa, id);
  auto closed = qa.post("/api/v1/deviations/" + std::to_string(id) + "/close",
                        json::object{{"password", kPassword}, {"meaning", "approval"}, {"reason", "Reviewed"}});
  ASSERT_EQ(closed.status, 200) << closed.raw;

  const json::object after = row_of(w, coi);
  EXPECT_EQ(after.at("deviations_open"), 0);
  EXPECT_EQ(after.at("deviation_codes"), json::array{});
}

TEST_F(BoardProjectionTest, AnOverdueStepIsOverdueAtOnceAndTheSweepersDeviationJoinsTheRow) {
  const World w = seed_world("bp-late", "J0105");
  const std::string coi = kymriah_journey_until(w, 4, "infusion.end", "MRN00005");

  const json::object late = row_of(w, coi);
  EXPECT_EQ(late.at("overdue"), true);
  EXPECT_EQ(late.at("next").at("step"), "infusion.end");
  EXPECT_EQ(late.at("deviations_open"), 0);  // nothing raised until a sweep finds it
  EXPECT_EQ(board(log_in(w.coordinator), "overdue=true").count(coi), 1u);
  EXPECT_EQ(board(log_in(w.coordinator), "overdue=false").count(coi), 0u);

  const CommandResult swept = run_celljourney({"sweep", "--database", uri()});
  ASSERT_EQ(swept.exit_code, 0) << swept.output;

  const json::object after = row_of(w, coi);
  EXPECT_EQ(after.at("deviations_open"), 1);
  EXPECT_EQ(after.at("deviation_codes"), (json::array{"OVERDUE"}));
  EXPECT_EQ(after.at("overdue"), true);
}

TEST_F(BoardProjectionTest, AHoldKeepsTheJourneyOnTheBoardAsOnHold) {
  const World w = seed_world("bp-hold", "J0106");
  const std::string coi = new_journey(w, "MRN00006");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "bp-hold-order")).status, 200);

  auto held = desk_event(coi, "hold", json::array{w.coordinator}, json::object{{"reason", "patient febrile"}});

  ASSERT_EQ(held.status, 200) << held.raw;
  const json::object row = row_of(w, coi);
  EXPECT_EQ(row.at("status"), "on_hold");
  EXPECT_EQ(row.at("stage").at("step"), "order");
}

TEST_F(BoardProjectionTest, AReturnedProductLeavesTheBoard) {
  const World w = seed_world("bp-return", "J0107");
  const std::string coi = new_journey(w, "MRN00007");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "bp-return-order")).status, 200);
  ASSERT_FALSE(row_of(w, coi).empty());

  auto returned =
      desk_event(coi, "return", json::array{w.coordinator}, json::object{{"reason", "out of specification"}});

  ASSERT_EQ(returned.status, 200) << returned.raw;
  EXPECT_TRUE(row_of(w, coi).empty());
}

TEST_F(BoardProjectionTest, ADisposedProductLeavesTheBoard) {
  const World w = seed_world("bp-dispose", "J0108");
  add_user("lab.bp-dispose", {"cell_lab@bp-dispose"});
  add_user("lab2.bp-dispose", {"cell_lab@bp-dispose"});
  const std::string coi = new_journey(w, "MRN00008");
  ASSERT_EQ(station_of(w).post("/api/v1/scans", order_event(w, coi, "bp-dispose-order")).status, 200);

  auto disposed = desk_event(coi, "dispose", json::array{"lab.bp-dispose", "lab2.bp-dispose"},
                             json::object{{"reason", "bag damaged"}});

  ASSERT_EQ(disposed.status, 200) << disposed.raw;
  EXPECT_TRUE(row_of(w, coi).empty());
}

TEST_F(BoardProjectionTest, AJourneyWhoseLastInfusionEndedLeavesTheBoard) {
  const World w = seed_world("bp-done", "J0109");
  const std::string coi = kymriah_journey_until(w, 5, "", "MRN00009");

  EXPECT_TRUE(row_of(w, coi).empty());
  EXPECT_EQ(sql("SELECT b.status FROM board_rows b JOIN journeys j ON j.id = b.journey_id WHERE j.coi = $1", coi),
            "completed");
}

TEST_F(BoardProjectionTest, NewSiteRulesReachTheRowAtTheNextSweep) {
  const World w = seed_world("bp-rules", "J0110");
  const std::string coi = new_journey(w, "MRN00010");
  ASSERT_TRUE(row_of(w, coi).at("next").is_object());
  sql("DELETE FROM site_rules WHERE site_id = (SELECT id FROM sites WHERE code = $1)", w.site);

  const CommandResult swept = run_celljourney({"sweep", "--database", uri()});

  ASSERT_EQ(swept.exit_code, 0) << swept.output;
  const json::object row = row_of(w, coi);
  EXPECT_TRUE(row.at("next").is_null());  // unknown: the product no longer loads
  EXPECT_TRUE(row.at("next_steps").is_null());
  EXPECT_EQ(row.at("stage").at("index"), 0);  // what the journal says is unchanged
}

}  // namespace
}  // namespace cj::testing
