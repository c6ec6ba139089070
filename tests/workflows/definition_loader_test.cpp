// Loading definitions: the core with a product laid over it, site-set values, and the problems
// `celljourney workflows check` reports, each with its file and line.
#include <gtest/gtest.h>

#include "tests/workflows/test_support.h"
#include "workflows/definition_loader.h"
#include "workflows/embedded_definitions.h"

namespace cj::workflows {
namespace {

using testing::problems_text;

constexpr std::string_view kCore = R"(steps:
  order:
    roles: [coordinator]
    required: true
  product.thaw:
    after: [order]
    roles: [cell_lab]
    repeat: per_unit
    identity: [bag]
  infusion.end:
    after: [product.thaw]
    roles: [clinical]
    identity: [bag]
  hold:
    side_exit: true
    roles: [qa]
)";

Result<Definition> load(std::string_view product, const SiteConfig* site = nullptr) {
  return load_definition({kCore, "core.yaml"}, {product, "products/test.yaml"}, site);
}

SiteConfig site_with(std::string_view values_yaml, std::string_view region = "EU") {
  const std::string text = "site: T\nregion: " + std::string(region) + "\nvalues:\n" + std::string(values_yaml);
  auto site = parse_site_config(text, "site.yaml");
  EXPECT_TRUE(site.ok()) << (site.ok() ? "" : problems_text(site.error()));
  return site.ok() ? site.value() : SiteConfig{};
}

// The problems of a load that must fail, as text.
std::string problems_of(const Result<Definition>& result) {
  EXPECT_FALSE(result.ok());
  return result.ok() ? "" : problems_text(result.error());
}

constexpr std::string_view kProductHead = "product: test\nname: Test\nlabel: {version: v1}\n";

TEST(DefinitionLoader, ProductWindowIsAddedToTheCoreStepWithItsSource) {
  const auto result = load(std::string(kProductHead) + R"(steps:
  infusion.end:
    windows:
      - {rule: test/thaw-to-end, from: product.thaw, max: 30 min, per_unit: true, source: "PI §2.3"}
)");
  ASSERT_TRUE(result.ok()) << problems_text(result.error());
  const StepRule* end = result.value().find_step("infusion.end");
  ASSERT_NE(end, nullptr);
  ASSERT_EQ(end->windows.size(), 1u);
  EXPECT_EQ(end->windows[0].max, Duration{30 * 60});
  EXPECT_EQ(end->windows[0].source, "PI §2.3");
  EXPECT_EQ(end->roles, std::vector<std::string>{"clinical"});
}

TEST(DefinitionLoader, ProductOverridesSingleValuesOfACoreStep) {
  const auto result =
      load(std::string(kProductHead) + "steps:\n  infusion.end:\n    witnesses: 2\n    roles: [physician]\n");
  ASSERT_TRUE(result.ok()) << problems_text(result.error());
  EXPECT_EQ(result.value().find_step("infusion.end")->witnesses, 2);
  EXPECT_EQ(result.value().find_step("infusion.end")->roles, std::vector<std::string>{"physician"});
}

TEST(DefinitionLoader, ANumberWithoutSourceIsAProblemAtItsLine) {
  const std::string text = problems_of(load(std::string(kProductHead) + R"(steps:
  infusion.end:
    windows:
      - {rule: test/thaw-to-end, from: product.thaw, max: 30 min}
)"));
  EXPECT_NE(text.find("products/test.yaml:7: rule `test/thaw-to-end` gives a number without `source`"),
            std::string::npos)
      << text;
}

TEST(DefinitionLoader, AFieldTakesALabelChoicesAndScannedEntry) {
  const auto result = load(std::string(kProductHead) + R"(steps:
  infusion.end:
    fields:
      outcome: {type: text, label: Outcome, choices: [complete, stopped]}
      pump_id: {type: text, entry: scan}
)");
  ASSERT_TRUE(result.ok()) << problems_text(result.error());
  const auto& fields = result.value().find_step("infusion.end")->fields;
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].label, "Outcome");
  EXPECT_EQ(fields[0].choices, (std::vector<std::string>{"complete", "stopped"}));
  EXPECT_EQ(fields[0].entry, FieldEntry::Type);
  EXPECT_EQ(fields[1].entry, FieldEntry::Scan);
}

TEST(DefinitionLoader, ChoicesOnANumberAndAnUnknownEntryAreProblems) {
  const std::string text = problems_of(load(std::string(kProductHead) + R"(steps:
  infusion.end:
    fields:
      volume: {type: number, choices: [one]}
      pump_id: {type: text, entry: camera}
)"));
  EXPECT_NE(text.find("only text fields take `choices`"), std::string::npos) << text;
  EXPECT_NE(text.find("`entry` must be type or scan"), std::string::npos) << text;
}

TEST(DefinitionLoader, SiteSetValueMissingFromTheSiteNamesTheValue) {
  const SiteConfig site = site_with("  other/value.max: {value: 1, source: s}\n");
  const std::string text =
      problems_of(load(std::string(kProductHead) + "storage: {rule: test/storage, max_c: site_set}\n", &site));
  EXPECT_NE(text.find("products/test.yaml:4: `test/storage.max_c` is site-set"), std::string::npos) << text;
}

TEST(DefinitionLoader, SiteSetValueIsTakenFromTheSite) {
  const SiteConfig site = site_with("  test/storage.max_c: {value: -150, source: \"PI §16 rev. 2024\"}\n");
  const auto result = load(std::string(kProductHead) + "storage: {rule: test/storage, max_c: site_set}\n", &site);
  ASSERT_TRUE(result.ok()) << problems_text(result.error());
  EXPECT_EQ(result.value().storage->max_c, -150.0);
}

TEST(DefinitionLoader, RegionalValueIsPickedByTheSitesRegion) {
  const std::string product = std::string(kProductHead) + R"(steps:
  infusion.end:
    fields:
      doses: {type: integer, rule: test/doses, min: {US: 2, EU: 1}, source: "PI §2"}
)";
  const SiteConfig us = site_with("  {}\n", "US");
  const auto result = load(product, &us);
  ASSERT_TRUE(result.ok()) << problems_text(result.error());
  EXPECT_EQ(result.value().find_step("infusion.end")->fields[0].min, 2.0);
}

TEST(DefinitionLoader, UnknownPredecessorIsAProblemAtTheStep) {
  const std::string text = problems_of(load(
      std::string(kProductHead) + "steps:\n  product.scan:\n    after: [product.unknown]\n    roles: [cell_lab]\n"));
  EXPECT_NE(text.find("products/test.yaml:5: step `product.scan`: unknown step `product.unknown` in `after`"),
            std::string::npos)
      << text;
}

TEST(DefinitionLoader, StepWithoutPredecessorsIsUnreachable) {
  const std::string text =
      problems_of(load(std::string(kProductHead) + "steps:\n  product.island:\n    roles: [cell_lab]\n"));
  EXPECT_NE(text.find("products/test.yaml:5: step `product.island` cannot be reached from `order`"), std::string::npos)
      << text;
}

TEST(DefinitionLoader, CycleOfPredecessorsIsAProblem) {
  const std::string text = problems_of(load(std::string(kProductHead) + R"(steps:
  a.one:
    after: [order, a.two]
    roles: [qa]
  a.two:
    after: [a.one]
    roles: [qa]
)"));
  EXPECT_NE(text.find("is its own predecessor"), std::string::npos) << text;
}

TEST(DefinitionLoader, UnknownKeyIsAProblemSoThatTyposAreCaught) {
  const std::string text = problems_of(load(std::string(kProductHead) + "steps:\n  infusion.end:\n    witness: 2\n"));
  EXPECT_NE(text.find("products/test.yaml:6: unknown key `witness`"), std::string::npos) << text;
}

TEST(DefinitionLoader, YamlSyntaxErrorGivesItsLine) {
  const std::string text = problems_of(load("product: test\nname: [unclosed\n"));
  EXPECT_NE(text.find("products/test.yaml:"), std::string::npos) << text;
  EXPECT_NE(text.find("not valid YAML"), std::string::npos) << text;
}

TEST(DefinitionLoader, EveryEmbeddedProductLoadsWithTheTestSite) {
  const SiteConfig site = testing::test_site();
  for (const std::string& name : embedded_product_names()) {
    const auto result = load_embedded_product(name, &site);
    EXPECT_TRUE(result.ok()) << name << ": " << (result.ok() ? "" : problems_text(result.error()));
  }
}

TEST(DefinitionLoader, EightProductsAreEmbedded) {
  EXPECT_EQ(embedded_product_names(), (std::vector<std::string>{"abecma", "aucatzyl", "breyanzi", "carvykti",
                                                                "hpc_apheresis", "kymriah", "tecartus", "yescarta"}));
}

TEST(DefinitionLoader, ProductWithALabelGapIsRefusedWithoutASite) {
  const auto result = load_embedded_product("yescarta", nullptr);
  const std::string text = problems_of(result);
  EXPECT_NE(text.find("`yescarta/storage.max_c` is site-set"), std::string::npos) << text;
}

TEST(DefinitionLoader, CoreAloneIsAValidJourney) {
  const auto result = load_core_definition({*find_embedded_definition("core.yaml"), "core.yaml"}, nullptr);
  // The only problem the core has without a site is its site-set shipper logger limit.
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.error().size(), 1u) << problems_text(result.error());
  EXPECT_NE(result.error()[0].message.find("core/shipper-logger.max_c"), std::string::npos);
}

TEST(SiteConfig, ValueWithoutSourceIsAProblem) {
  const auto site = parse_site_config("site: T\nregion: EU\nvalues:\n  a/b.max: {value: 1}\n", "site.yaml");
  ASSERT_FALSE(site.ok());
  EXPECT_NE(problems_text(site.error()).find("missing `source`"), std::string::npos);
}

// Found by tests/fuzz/api_request_fuzz.cpp (PUT /sites/{code}/rules): yaml-cpp threw InvalidNode
// out of the check, and the server answered 500.
TEST(SiteConfig, AMappingWhereAListOrAMappingIsExpectedIsAProblemNotAnException) {
  const auto locations = parse_site_config("site: T\nregion: EU\nstorage_locations:\n  prefix: LN2-1\n", "s.yaml");
  ASSERT_FALSE(locations.ok());
  EXPECT_NE(problems_text(locations.error()).find("`storage_locations` must be a list"), std::string::npos);
  const auto values = parse_site_config("site: T\nregion: EU\nvalues:\n  - a\n  - b\n", "s.yaml");
  ASSERT_FALSE(values.ok());
  EXPECT_NE(problems_text(values.error()).find("`values` must be a mapping"), std::string::npos);
}

TEST(SiteConfig, StorageLocationMatchesItsPrefixOnlyAtAPathBoundary) {
  const auto site = parse_site_config(
      "site: T\nregion: EU\nstorage_locations:\n  - {prefix: LN2-1, min_c: -196, max_c: -150, source: q}\n", "s.yaml");
  ASSERT_TRUE(site.ok());
  EXPECT_NE(site.value().find_storage_location("LN2-1/R2/B5"), nullptr);
  EXPECT_NE(site.value().find_storage_location("LN2-1"), nullptr);
  EXPECT_EQ(site.value().find_storage_location("LN2-10/R1"), nullptr);
}

}  // namespace
}  // namespace cj::workflows
