// The plan checker (workflows/schedule_check.h) and the planning rules it reads from the product
// files (workflows/schedule_rules.h): one case per row, each naming the rule it shows.
#include <gtest/gtest.h>

#include "workflows/definition_loader.h"
#include "workflows/embedded_definitions.h"
#include "workflows/schedule_check.h"
#include "workflows/schedule_rules.h"

namespace cj::workflows {
namespace {

TimePoint at(const char* text) { return *parse_time(text); }

PlanItem item(PlanKind kind, const char* start, const char* end = nullptr) {
  PlanItem i{kind, at(start), std::nullopt};
  if (end != nullptr) i.end = at(end);
  return i;
}

const ScheduleRules& kymriah() {
  static const ScheduleRules rules = embedded_schedule_rules("kymriah", nullptr).value();
  return rules;
}

// A plan that keeps every Kymriah rule: collection on 1 Dec, manufacturing 3 Dec to 28 Dec,
// shipment 29 Dec, lymphodepletion 2 to 4 Jan, infusion 7 Jan.
std::vector<PlanItem> good_plan() {
  return {item(PlanKind::Apheresis, "2026-12-01T08:00:00Z", "2026-12-01T14:00:00Z"),
          item(PlanKind::Manufacturing, "2026-12-03T00:00:00Z", "2026-12-28T00:00:00Z"),
          item(PlanKind::Shipment, "2026-12-29T09:00:00Z", "2026-12-30T09:00:00Z"),
          item(PlanKind::Lymphodepletion, "2027-01-02T08:00:00Z", "2027-01-04T12:00:00Z"),
          item(PlanKind::Infusion, "2027-01-07T10:00:00Z", "2027-01-07T11:00:00Z")};
}

std::vector<PlanItem> with(std::vector<PlanItem> plan, const PlanItem& changed) {
  for (PlanItem& i : plan)
    if (i.kind == changed.kind) i = changed;
  return plan;
}

struct Case {
  const char* says;
  std::vector<PlanItem> plan;
  PlanKind item;
  const char* code;
  const char* rule;
};

class PlanRuleTest : public ::testing::TestWithParam<Case> {};

TEST_P(PlanRuleTest, ThePlanBreaksExactlyThisRule) {
  const Case& c = GetParam();
  const auto flags = check_plan(c.plan, kymriah());
  ASSERT_EQ(flags.size(), 1u) << c.says;
  EXPECT_EQ(flags[0].item, c.item) << c.says;
  EXPECT_EQ(flags[0].code, c.code) << c.says;
  EXPECT_EQ(flags[0].rule, c.rule) << c.says << ": " << flags[0].message;
  EXPECT_FALSE(flags[0].message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Kymriah, PlanRuleTest,
    ::testing::Values(
        Case{"manufacturing of 20 days is below Kymriah's 21",
             with(good_plan(), item(PlanKind::Manufacturing, "2026-12-03T00:00:00Z", "2026-12-23T00:00:00Z")),
             PlanKind::Manufacturing, "LEAD_TIME_TOO_SHORT", "kymriah/manufacturing-turnaround"},
        Case{"infusion one calendar day after lymphodepletion ends",
             with(good_plan(), item(PlanKind::Infusion, "2027-01-05T10:00:00Z")), PlanKind::Infusion,
             "LEAD_TIME_TOO_SHORT", "kymriah/lymphodepletion-to-infusion"},
        Case{"infusion 15 calendar days after lymphodepletion ends",
             with(good_plan(), item(PlanKind::Infusion, "2027-01-19T10:00:00Z")), PlanKind::Infusion,
             "LEAD_TIME_TOO_LONG", "kymriah/lymphodepletion-to-infusion"},
        Case{"the shipment planned before the expected release",
             with(good_plan(), item(PlanKind::Shipment, "2026-12-27T09:00:00Z", "2026-12-27T18:00:00Z")),
             PlanKind::Shipment, "PLAN_OUT_OF_ORDER", "core/plan-order"},
        Case{"an infusion slot that ends before it starts",
             with(good_plan(), item(PlanKind::Infusion, "2027-01-07T10:00:00Z", "2027-01-07T09:00:00Z")),
             PlanKind::Infusion, "PLAN_ENDS_BEFORE_START", "core/plan-slot"},
        Case{"lymphodepletion before the apheresis has ended",
             std::vector<PlanItem>{item(PlanKind::Apheresis, "2026-12-01T08:00:00Z", "2026-12-01T14:00:00Z"),
                                   item(PlanKind::Lymphodepletion, "2026-12-01T12:00:00Z", "2026-12-03T12:00:00Z")},
             PlanKind::Lymphodepletion, "PLAN_OUT_OF_ORDER", "core/plan-order"}));

TEST(PlanCheckTest, APlanThatKeepsEveryRuleHasNoFlag) { EXPECT_TRUE(check_plan(good_plan(), kymriah()).empty()); }

TEST(PlanCheckTest, ARuleWhoseItemsAreNotBothPlannedIsNotChecked) {
  // Only the infusion: no lymphodepletion to count from, no apheresis to order against.
  EXPECT_TRUE(check_plan({item(PlanKind::Infusion, "2027-01-07T10:00:00Z")}, kymriah()).empty());
}

TEST(PlanCheckTest, TheFlagNamesTheLabelSourceOfTheLeadTime) {
  const auto flags = check_plan(with(good_plan(), item(PlanKind::Infusion, "2027-01-05T10:00:00Z")), kymriah());
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_NE(flags[0].source.find("SmPC"), std::string::npos) << flags[0].source;
  EXPECT_NE(flags[0].message.find("1 calendar days"), std::string::npos) << flags[0].message;
}

TEST(ScheduleRulesTest, SiteSetBoundsWithoutASiteValueAreUnsetNotGuessed) {
  const LeadTime& release = kymriah().lead_times.at(2);
  EXPECT_EQ(release.name, "release_to_infusion");
  EXPECT_FALSE(release.min.has_value());
  EXPECT_EQ(release.unset, std::vector<std::string>{"min"});
}

TEST(ScheduleRulesTest, TheSiteGivesASiteSetBoundWithItsSource) {
  SiteConfig site;
  site.region = "EU";
  site.values["kymriah/release-to-infusion.min"] = SiteValue{"2 d", "site SOP CT-12", 3};
  const auto rules = embedded_schedule_rules("kymriah", &site);
  ASSERT_TRUE(rules.ok());
  const LeadTime& release = rules.value().lead_times.at(2);
  EXPECT_EQ(release.min, std::chrono::hours{48});
  EXPECT_EQ(release.source, "site SOP CT-12");
  EXPECT_TRUE(release.unset.empty());
}

TEST(ScheduleRulesTest, ANumberWithoutASourceOrAnUnknownLeadTimeIsAProblem) {
  const auto no_source = read_schedule_rules(
      {"product: p\nschedule:\n  manufacturing_turnaround: {min: 17 d}\n", "products/p.yaml"}, nullptr);
  ASSERT_FALSE(no_source.ok());
  EXPECT_NE(no_source.error().front().message.find("without `source`"), std::string::npos);
  const auto unknown =
      read_schedule_rules({"product: p\nschedule:\n  vein_to_vein: {min: site_set}\n", "products/p.yaml"}, nullptr);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().front().line, 3);
  const auto bad = read_schedule_rules(
      {"product: p\nschedule:\n  release_to_infusion: {min: soon, source: x}\n", "products/p.yaml"}, nullptr);
  ASSERT_FALSE(bad.ok());
}

TEST(ScheduleRulesTest, AProductFileWhoseScheduleDoesNotReadDoesNotLoad) {
  const std::string product = std::string(*find_embedded_definition("products/kymriah.yaml")) +
                              "\n  vein_to_vein: {min: 30 d, source: \"none\"}\n";
  const auto loaded = load_definition({*find_embedded_definition("core.yaml"), "core.yaml"},
                                      {product, "products/kymriah.yaml"}, nullptr);
  ASSERT_FALSE(loaded.ok());
  bool named = false;
  for (const Problem& p : loaded.error()) named = named || p.message == "unknown lead time `schedule.vein_to_vein`";
  EXPECT_TRUE(named) << loaded.error().front().to_string();
}

TEST(ScheduleRulesTest, EveryEmbeddedProductsScheduleLoads) {
  for (const char* product : {"kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti", "aucatzyl"}) {
    const auto rules = embedded_schedule_rules(product, nullptr);
    EXPECT_TRUE(rules.ok()) << product << ": " << (rules.ok() ? "" : rules.error().front().to_string());
    if (rules.ok()) {
      EXPECT_FALSE(rules.value().lead_times.empty()) << product;
    }
  }
}

}  // namespace
}  // namespace cj::workflows
