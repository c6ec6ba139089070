// The lifecycle read back from its steps (server/deviations/lifecycle.h), without a database:
// what each step recorded, a reopen starting a new cycle, and the 409 of a step out of order.
#include <gtest/gtest.h>

#include "base/failure.h"
#include "server/deviations/lifecycle.h"

namespace cj::deviations {
namespace {

namespace json = boost::json;

Step step(std::string action, json::object details = {}, std::optional<std::string> note = std::nullopt) {
  Step s;
  s.action = std::move(action);
  s.by = "quinn";
  s.at = "2026-12-01T10:00:00Z";
  s.note = std::move(note);
  s.details = std::move(details);
  return s;
}

TEST(LifecycleReplay, ActionsAreNumberedInOrderAndClosedByTheirNumber) {
  const auto life = replay(
      {step("raised"), step("acknowledged"), step("investigated", {{"category", "people"}, {"text", "Skipped label"}}),
       step("action_added", {{"kind", "corrective"}, {"text", "Brief"}, {"owner", "olga"}, {"due", "2026-12-20"}}),
       step("action_added", {{"kind", "preventive"}, {"text", "SOP"}, {"owner", "quinn"}, {"due", "2027-01-10"}}),
       step("action_closed", {{"action", 2}}, "SOP updated")});

  ASSERT_EQ(life.actions.size(), 2u);
  EXPECT_TRUE(life.actions[0].open());
  EXPECT_FALSE(life.actions[1].open());
  EXPECT_EQ(life.actions[1].closing_note, "SOP updated");
  EXPECT_EQ(life.open_actions(), 1u);
  EXPECT_EQ(life.investigation->at("category"), "people");
}

TEST(LifecycleReplay, AReopenAsksForTheInvestigationCapaAndDispositionAgainButKeepsTheActions) {
  const auto life = replay(
      {step("investigated", {{"category", "equipment"}, {"text", "Freezer"}}),
       step("action_added", {{"kind", "corrective"}, {"text", "Service"}, {"owner", "a"}, {"due", "2026-12-20"}}),
       step("action_closed", {{"action", 1}}, "Serviced"), step("capa_completed", {}, "ok"),
       step("disposed", {{"disposition", "use"}}, "fine"), step("closed"), step("reopened", {}, "New result")});

  EXPECT_FALSE(life.investigation);
  EXPECT_FALSE(life.capa_outcome);
  EXPECT_FALSE(life.disposition);
  EXPECT_EQ(life.reopened, 1);
  ASSERT_EQ(life.actions.size(), 1u);
  EXPECT_FALSE(life.actions[0].open());
}

TEST(LifecycleReplay, ADispositionKeepsThePhysicianWhoDecided) {
  const auto life =
      replay({step("disposed", {{"disposition", "physician_decision"}, {"physician", "Dr Reyes"}}, "Infuse")});
  EXPECT_EQ(life.disposition->at("physician"), "Dr Reyes");
  EXPECT_EQ(life.disposition->at("note"), "Infuse");
  EXPECT_EQ(life.disposition->at("by"), "quinn");
}

TEST(LifecycleRules, AStepOutOfOrderIsAConflictNamingTheStateAndTheNextStep) {
  try {
    require_status(7, "open", {"acknowledged", "investigating"}, "record the investigation");
    FAIL() << "no conflict";
  } catch (const base::Failure& f) {
    EXPECT_EQ(f.error().code, "DEVIATION_OPEN");
    EXPECT_NE(f.error().message.find("Deviation 7 is open"), std::string::npos) << f.error().message;
    EXPECT_NE(f.error().message.find("acknowledge it first"), std::string::npos) << f.error().message;
  }
  EXPECT_NO_THROW(require_status(7, "capa", {"capa"}, "add a CAPA action"));
}

TEST(LifecycleRules, OnlyOosCodesNeedThePhysiciansDecision) {
  EXPECT_TRUE(is_oos_code("OOS_NOT_RELEASED"));
  EXPECT_FALSE(is_oos_code("OUT_OF_ORDER"));
  EXPECT_TRUE(valid_root_cause("undetermined"));
  EXPECT_FALSE(valid_root_cause("bad luck"));
  EXPECT_TRUE(valid_disposition("quarantine"));
  EXPECT_FALSE(valid_disposition("keep"));
}

}  // namespace
}  // namespace cj::deviations
