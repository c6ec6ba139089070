// The manufacturer's identifiers a product declares (workflows/identifiers.h): read from the
// product file with their problems, and the check every value passes before it is kept.
#include <gtest/gtest.h>

#include "tests/workflows/test_support.h"
#include "workflows/definition_loader.h"
#include "workflows/identifiers.h"

namespace cj::workflows {
namespace {

using testing::problems_text;

constexpr std::string_view kCore = "steps:\n  order:\n    roles: [coordinator]\n    required: true\n";
constexpr std::string_view kHead = "product: test\nname: Test\nlabel: {version: v1}\n";

Result<Definition> load(std::string_view identifiers_yaml) {
  const std::string product = std::string(kHead) + "identifiers:\n" + std::string(identifiers_yaml);
  return load_definition({kCore, "core.yaml"}, {product, "products/test.yaml"}, nullptr);
}

std::string problems_of_load(std::string_view identifiers_yaml) {
  const auto result = load(identifiers_yaml);
  EXPECT_FALSE(result.ok());
  return result.ok() ? "" : problems_text(result.error());
}

Definition loaded(std::string_view identifiers_yaml) {
  auto result = load(identifiers_yaml);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : problems_text(result.error()));
  return result.ok() ? std::move(result).value() : Definition{};
}

constexpr std::string_view kOrderAndBatch = R"(  - kind: order_id
    label: Order ID
    required: true
    pattern: "ORD-[0-9]{6}"
    example: ORD-123456
    source: "manufacturer's ordering guide §3"
  - {kind: batch, label: Batch or lot number}
)";

TEST(ManufacturerIdentifiers, AProductListsItsKindsInFileOrderWithLabelPatternAndRequired) {
  const Definition d = loaded(kOrderAndBatch);
  ASSERT_EQ(d.identifiers.size(), 2u);
  EXPECT_EQ(d.identifiers[0].kind, "order_id");
  EXPECT_EQ(d.identifiers[0].label, "Order ID");
  EXPECT_TRUE(d.identifiers[0].required);
  EXPECT_EQ(d.identifiers[0].pattern, "ORD-[0-9]{6}");
  EXPECT_EQ(d.identifiers[1].kind, "batch");
  EXPECT_FALSE(d.identifiers[1].required);
  EXPECT_EQ(find_identifier(d, "batch"), &d.identifiers[1]);
  EXPECT_EQ(find_identifier(d, "lot"), nullptr);
}

TEST(ManufacturerIdentifiers, AValueMustMatchTheWholePatternAndTheProblemShowsTheExample) {
  const Definition d = loaded(kOrderAndBatch);
  const IdentifierRule& order = d.identifiers[0];
  EXPECT_EQ(identifier_problem(order, "ORD-123456"), std::nullopt);
  const auto problem = identifier_problem(order, "ORD-1234567");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("Order ID 'ORD-1234567' is not in the manufacturer's format (for example ORD-123456)"),
            std::string::npos)
      << *problem;
}

TEST(ManufacturerIdentifiers, WithoutAPatternAnyPrintableTextUpTo64CharactersIsTaken) {
  const IdentifierRule& batch = loaded(kOrderAndBatch).identifiers[1];
  EXPECT_EQ(identifier_problem(batch, "LOT 24-0193/B"), std::nullopt);
  EXPECT_TRUE(identifier_problem(batch, ""));
  EXPECT_TRUE(identifier_problem(batch, std::string(65, 'A')));
  EXPECT_TRUE(identifier_problem(batch,
                                 "LOT\x1d"
                                 "24"));  // a wedge scanner's GS
  EXPECT_TRUE(identifier_problem(batch, " LOT24"));
}

TEST(ManufacturerIdentifiers, APatternWithoutSourceABrokenPatternAndATwiceListedKindAreProblems) {
  const std::string text = problems_of_load(R"(  - {kind: order_id, label: Order, pattern: "[0-9]+"}
  - {kind: batch, label: Batch, pattern: "([", source: s}
  - {kind: batch, label: Lot}
  - {kind: Bad-Kind, label: X}
)");
  EXPECT_NE(text.find("a pattern needs a `source`"), std::string::npos) << text;
  EXPECT_NE(text.find("not a valid regular expression"), std::string::npos) << text;
  EXPECT_NE(text.find("`batch` is listed twice"), std::string::npos) << text;
  EXPECT_NE(text.find("`Bad-Kind` must be lowercase"), std::string::npos) << text;
}

TEST(ManufacturerIdentifiers, EveryEmbeddedCarTProductDeclaresItsOrderIdCoiAndBatch) {
  const SiteConfig site = testing::test_site();
  for (const char* name : {"abecma", "aucatzyl", "breyanzi", "carvykti", "kymriah", "tecartus", "yescarta"}) {
    const Definition d = testing::test_product(name, site);
    for (const char* kind : {"order_id", "manufacturer_coi", "batch"}) {
      EXPECT_NE(find_identifier(d, kind), nullptr) << name << " " << kind;
    }
  }
}

}  // namespace
}  // namespace cj::workflows
