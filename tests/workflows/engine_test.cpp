// The engine on single events: the refusal and deviation rules, one case each, with the
// messages people read. Kymriah with the test site unless said otherwise.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/workflows/kymriah_journey.h"
#include "tests/workflows/test_support.h"
#include "workflows/deadlines.h"
#include "workflows/engine.h"
#include "workflows/json_io.h"
#include "workflows/time_points.h"

namespace cj::workflows {
namespace {

using testing::KymriahJourney;
using testing::kBag;
using testing::kCoi;
using testing::kProductCode;
using testing::kWristband;

TEST_F(KymriahJourney, WrongPatientsBagIsRefusedWithAMessageSayingSo) {
  thawed_at_0935();
  const Decision decision =
      decide(event("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"},
                   {kWristband, kBag, kProductCode, "&/CHA99992600002B"}, {{"tocilizumab_doses_on_site", 1}}));
  EXPECT_FALSE(decision.accepted);
  ASSERT_EQ(decision.refusals.size(), 1u);
  EXPECT_EQ(decision.refusals[0].code, Code::CoiMismatch);
  EXPECT_EQ(decision.refusals[0].severity, Severity::Critical);
  EXPECT_NE(decision.refusals[0].message.find("WRONG PATIENT"), std::string::npos);
}

TEST_F(KymriahJourney, EventOfAnotherJourneyIsRefused) {
  thawed_at_0935();
  Event e = event("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {kBag, kProductCode});
  e.journey = "CHA99992600002B";
  const Decision decision = decide(e);
  ASSERT_FALSE(decision.accepted);
  EXPECT_EQ(decision.refusals[0].code, Code::CoiMismatch);
}

TEST_F(KymriahJourney, RefusedEventRaisesNoDeviationBecauseItIsNotKept) {
  thawed_at_0935();
  // One witness (a deviation) and the wrong wristband (a refusal): only the refusal counts.
  const Decision decision =
      decide(event("infusion.verify", "2026-11-20T09:40:00Z", {"nina"}, {"&#0008MRN99999", kBag, kProductCode, kCoi},
                   {{"tocilizumab_doses_on_site", 1}}));
  EXPECT_FALSE(decision.accepted);
  EXPECT_TRUE(decision.deviations.empty());
}

TEST_F(KymriahJourney, LateInfusionEndSaysHowLateAgainstWhichLimit) {
  thawed_at_0935();
  happen(event("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"}, {kWristband, kBag, kProductCode, kCoi},
               {{"tocilizumab_doses_on_site", 1}}));
  happen(event("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {kBag, kProductCode}));
  const Decision decision = decide(event("infusion.end", "2026-11-20T10:16:00Z", {"nina"}, {kBag, kProductCode}));
  EXPECT_TRUE(decision.accepted);
  ASSERT_EQ(decision.deviations.size(), 1u);
  EXPECT_EQ(decision.deviations[0].code, Code::WindowExceeded);
  EXPECT_EQ(decision.deviations[0].rule, "kymriah/thaw-to-infusion-end");
  EXPECT_EQ(decision.deviations[0].message,
            "infusion.end 41 min after product.thaw_complete; Kymriah (tisagenlecleucel) allows at most 30 min");
}

TEST_F(KymriahJourney, NextStepCarriesItsDueTimeFromTheThawClock) {
  thawed_at_0935();
  happen(event("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"}, {kWristband, kBag, kProductCode, kCoi},
               {{"tocilizumab_doses_on_site", 1}}));
  const Decision decision = decide(event("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {kBag, kProductCode}));
  const auto end = std::find_if(decision.next.begin(), decision.next.end(),
                                [](const Expectation& e) { return e.step == "infusion.end"; });
  ASSERT_NE(end, decision.next.end());
  EXPECT_EQ(end->due_by, parse_time("2026-11-20T10:05:00Z"));
}

TEST_F(KymriahJourney, DeadlineSweepFindsTheOverdueInfusionEnd) {
  thawed_at_0935();
  happen(event("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"}, {kWristband, kBag, kProductCode, kCoi},
               {{"tocilizumab_doses_on_site", 1}}));
  happen(event("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {kBag, kProductCode}));
  const DeadlineReport report = sweep_deadlines(definition_, history_, context_, *parse_time("2026-11-20T10:20:00Z"));
  ASSERT_EQ(report.overdue.size(), 1u);
  EXPECT_EQ(report.overdue[0].code, Code::Overdue);
  EXPECT_EQ(report.overdue[0].rule, "kymriah/thaw-to-infusion-end");
  EXPECT_NE(report.overdue[0].message.find("overdue by 15 min"), std::string::npos) << report.overdue[0].message;
}

TEST_F(KymriahJourney, DisposedJourneyHasNoOpenObligations) {
  thawed_at_0935();
  happen(event("dispose", "2026-11-20T09:40:00Z", {"alice", "quinn"}, {}, {{"reason", "bag leaked"}}));
  EXPECT_TRUE(open_obligations(definition_, history_, context_).empty());
}

TEST_F(KymriahJourney, DerivedTimePointsComeFromTheEvents) {
  thawed_at_0935();
  happen(event("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"}, {kWristband, kBag, kProductCode, kCoi},
               {{"tocilizumab_doses_on_site", 1}}));
  happen(event("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {kBag, kProductCode}));
  happen(event("infusion.end", "2026-11-20T10:00:00Z", {"nina"}, {kBag, kProductCode}));
  const TimePoints points = derive_time_points(definition_, history_);
  EXPECT_EQ(points.vein_to_vein, *parse_time("2026-11-20T09:45:00Z") - *parse_time("2026-10-05T12:00:00Z"));
  EXPECT_EQ(points.manufacturing_turnaround, *parse_time("2026-10-28T10:00:00Z") - *parse_time("2026-10-06T10:00:00Z"));
  EXPECT_FALSE(points.apheresis_age_at_manufacturing_start);  // no manufacturing.start recorded
  ASSERT_EQ(points.thaw_to_infusion_end.size(), 1u);
  EXPECT_EQ(points.thaw_to_infusion_end[0].duration, Duration{30 * 60});
}

TEST_F(KymriahJourney, DecisionJsonHasTheShapeOfTheDesign) {
  thawed_at_0935();
  Decision decision = decide(event("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"},
                                   {kWristband, kBag, kProductCode, kCoi}, {{"tocilizumab_doses_on_site", 1}}));
  decision.event_id = 1042;
  const boost::json::object json = to_json(decision);
  EXPECT_EQ(boost::json::serialize(json),
            R"({"decision":"accepted","event_id":1042,"refusals":[],"deviations":[],)"
            R"("next":[{"step":"product.store"},{"step":"infusion.start"},)"
            R"({"step":"infusion.end","due_by":"2026-11-20T10:05:00Z"}]})");  // bag 2 is not stored yet; the
                                                                              // clock runs from complete thaw
}

TEST_F(KymriahJourney, UnknownOperatorIsRefusedAsHavingNoRole) {
  thawed_at_0935();
  const Decision decision = decide(event("infusion.start", "2026-11-20T09:45:00Z", {"mallory"}, {kBag, kProductCode}));
  ASSERT_FALSE(decision.accepted);
  EXPECT_EQ(decision.refusals[0].code, Code::RoleMissing);
}

TEST_F(KymriahJourney, RegisteredExpiryRefusesAnExpiredBag) {
  thawed_at_0935();
  for (Unit& unit : context_.journey.units) unit.expires_at = parse_time("2026-11-20T09:00:00Z");
  const Decision decision = decide(event("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {kBag, kProductCode}));
  ASSERT_FALSE(decision.accepted);
  EXPECT_EQ(decision.refusals[0].code, Code::Expired);
}

TEST_F(KymriahJourney, RegisteredDinWithAnotherProductCodeIsNotThisUnit) {
  thawed_at_0935();
  const Decision decision = decide(event("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {kBag, "=<S1194B00"}));
  ASSERT_FALSE(decision.accepted);
  EXPECT_EQ(decision.refusals[0].code, Code::UnitNotInJourney);
}

TEST_F(KymriahJourney, InfusionOfASecondBagWithOnlyTheFirstBagsBedsideCheckIsRefused) {
  thawed_at_0935();
  happen(event("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"}, {kWristband, kBag, kProductCode, kCoi},
               {{"tocilizumab_doses_on_site", 1}}));
  happen(event("product.store", "2026-10-30T09:21:00Z", {"alice"}, {"=A99992612345700", kProductCode},
               {{"location", "LN2-1/R2"}}));
  happen(event("product.thaw", "2026-11-20T09:50:00Z", {"alice"}, {"=A99992612345700", kProductCode}));
  const Decision decision =
      decide(event("infusion.start", "2026-11-20T10:00:00Z", {"nina"}, {"=A99992612345700", kProductCode}));
  ASSERT_FALSE(decision.accepted);
  ASSERT_EQ(decision.refusals.size(), 1u);
  EXPECT_EQ(decision.refusals[0].code, Code::BedsideCheckMissing);
  EXPECT_EQ(decision.refusals[0].message,
            "STOP: no infusion.verify of bag A999926123457/S1194A00 by two different people in the 30 min before "
            "infusion.start; do the two-person bedside check first");
}

TEST_F(KymriahJourney, AnAnswerOutsideAFieldsChoicesBreaksItsRule) {
  happen(event("order", "2026-10-01T09:00:00Z", {"cora"}));
  happen(event("manufacturing.release", "2026-10-28T10:00:00Z", {"cora"}, {}, {{"out_of_specification", true}}));
  const Decision decision = decide(event("oos.physician_decision", "2026-10-29T10:00:00Z", {"paul"}, {},
                                         {{"decision", "maybe"}, {"reason", "unsure"}}));
  ASSERT_FALSE(decision.accepted);  // core/oos-decision is a refusal
  ASSERT_EQ(decision.refusals.size(), 1u);
  EXPECT_EQ(decision.refusals[0].code, Code::FieldOutOfRange);
  EXPECT_EQ(decision.refusals[0].rule, "core/oos-decision");
  EXPECT_EQ(decision.refusals[0].message, "decision 'maybe' is not one of the answers allowed: 'release', 'do_not_release'");
}

TEST_F(KymriahJourney, PhysicianDecisionNotToReleaseKeepsTheOosProductRefused) {
  happen(event("order", "2026-10-01T09:00:00Z", {"cora"}));
  happen(event("manufacturing.release", "2026-10-28T10:00:00Z", {"cora"}, {}, {{"out_of_specification", true}}));
  happen(event("oos.physician_decision", "2026-10-29T10:00:00Z", {"paul"}, {},
               {{"decision", "do_not_release"}, {"reason", "viability too low"}}));
  const Decision decision = decide(event("product.thaw", "2026-11-20T09:30:00Z", {"alice"}, {kBag, kProductCode}));
  ASSERT_FALSE(decision.accepted);
  EXPECT_EQ(decision.refusals[0].code, Code::OosNotReleased);
}

TEST_F(KymriahJourney, RefusedDecisionJsonListsRefusalsAsCriticalWithTheirRule) {
  thawed_at_0935();
  Decision decision = decide(event("infusion.start", "2026-11-20T09:45:00Z", {"cora"}, {kBag, kProductCode}));
  const boost::json::object json = to_json(decision);
  EXPECT_EQ(json.at("decision"), "refused");
  EXPECT_TRUE(json.at("event_id").is_null());
  const boost::json::object& refusal = json.at("refusals").at(0).as_object();
  EXPECT_EQ(refusal.at("code"), "ROLE_MISSING");
  EXPECT_EQ(refusal.at("severity"), "critical");
  EXPECT_EQ(refusal.at("rule"), "core/roles");
}

TEST(ContextJson, EmptyCoiIsAProblemSoThatNoScanCanMatchIt) {
  const auto context = context_from_json(boost::json::parse(R"({"journey": {"coi": "", "units": []}})"));
  ASSERT_FALSE(context.ok());
  EXPECT_EQ(context.error()[0].message, "\"coi\" must not be empty");
}

TEST(EventJson, MissingOccurredAtIsAProblem) {
  const auto event = event_from_json(boost::json::parse(R"({"journey": "CHA99992600001A", "step": "order"})"));
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.error()[0].message, "missing \"occurred_at\"");
}

}  // namespace
}  // namespace cj::workflows
