// The layout check (labels/layout_check.h): nothing off the label, nothing overlapping, text
// with its ink and symbols with their quiet zones.
#include <gtest/gtest.h>

#include "labels/layout_check.h"
#include "labels/symbols.h"

namespace cj::labels {
namespace {

TEST(LayoutCheck, ASoundLayoutHasNoProblems) {
  Layout layout{100, 50, {}};
  layout.elements.emplace_back(Code128Symbol{1, 2, 0.25, 8, 10, "=A99992612345689"});
  layout.elements.emplace_back(TextRun{3.5, 11.5, 2.0, Weight::Regular, "A9999 26 123456"});
  EXPECT_TRUE(check_layout(layout).empty());
}

TEST(LayoutCheck, TextOnAQuietZoneOverlaps) {
  Layout layout{100, 50, {}};
  Code128Symbol symbol{20, 2, 0.25, 8, 10, "=A99992612345689"};
  layout.elements.emplace_back(symbol);
  // Left of the first bar but inside the 10X quiet zone (2.5 mm).
  layout.elements.emplace_back(TextRun{17, 4, 2.0, Weight::Regular, "AB"});
  const auto problems = check_layout(layout);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "Code 128 '=A99992612345689' overlaps text 'AB'");
}

TEST(LayoutCheck, AccentsAndDescendersCountAsInk) {
  Layout layout{100, 50, {}};
  layout.elements.emplace_back(TextRun{2, 10, 3.0, Weight::Regular, "ÜBER"});
  layout.elements.emplace_back(Box{Rect{2, 9.6, 50, 0.2}, 0});  // a rule just above the capitals
  EXPECT_EQ(check_layout(layout).size(), 1u) << "the umlauts rise above the cap height";
  layout.elements.back() = Box{Rect{2, 13.3, 50, 0.2}, 0};  // just below the baseline
  EXPECT_TRUE(check_layout(layout).empty()) << "capitals without descenders";
  layout.elements.front() = TextRun{2, 10, 3.0, Weight::Regular, "Üpg"};
  EXPECT_EQ(check_layout(layout).size(), 1u) << "p and g hang below the baseline";
}

TEST(LayoutCheck, AnElementOffTheLabelOrWiderThanItsRunIsReported) {
  Layout layout{50, 20, {}};
  TextRun run{40, 5, 3.0, Weight::Regular, "STORAGE"};
  run.width = 8;
  layout.elements.emplace_back(run);
  const auto problems = check_layout(layout);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("leaves the label"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("is wider than its 8.00 mm"), std::string::npos) << problems[1];
}

TEST(LayoutCheck, QuietZonesOfMatrixSymbolsCount) {
  Layout layout{100, 100, {}};
  layout.elements.emplace_back(QrSymbol{10, 10, 0.4, 4, "https://celljourney.example/j/1"});
  Result<Rect> qr = extent(std::get<QrSymbol>(layout.elements.back()));
  ASSERT_TRUE(qr.ok());
  // A box touching the quiet zone's edge is fine; one 0.5 mm inside it is not.
  layout.elements.emplace_back(Box{Rect{10 + qr.value().width, 10, 5, 5}, 0});
  EXPECT_TRUE(check_layout(layout).empty());
  layout.elements.back() = Box{Rect{10 + qr.value().width - 0.5, 10, 5, 5}, 0};
  EXPECT_EQ(check_layout(layout).size(), 1u);
}

}  // namespace
}  // namespace cj::labels
