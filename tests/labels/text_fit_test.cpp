// Text fitting (labels/text_fit.h): wrap at word or separator boundaries first, then shrink to
// the box's minimum, then refuse naming the field; never cut a word, never leave the box.
#include <gtest/gtest.h>

#include <string>

#include "labels/compose.h"
#include "labels/text_fit.h"

namespace cj::labels {
namespace {

std::vector<std::string> lines_of(const FittedText& fitted) {
  std::vector<std::string> lines;
  for (const TextRun& run : fitted.runs) lines.push_back(run.text);
  return lines;
}

TEST(TextFit, TextThatFitsKeepsItsSizeOnOneLine) {
  auto fitted = fit_text({10, 20, 90, 2, 3.0}, {"LN2-3/R2/B5"});
  ASSERT_TRUE(fitted);
  EXPECT_EQ(lines_of(*fitted), std::vector<std::string>{"LN2-3/R2/B5"});
  EXPECT_DOUBLE_EQ(fitted->size, 3.0);
  EXPECT_DOUBLE_EQ(fitted->runs[0].x, 10);
  EXPECT_DOUBLE_EQ(fitted->runs[0].y, 20);
  EXPECT_DOUBLE_EQ(fitted->runs[0].width, 90) << "every run carries its box's width";
}

TEST(TextFit, AStoragePositionWrapsAfterASlashBeforeItShrinks) {
  const std::string position = "LN2-TANK-03/R12/B05/A7";
  const double width = text_width(position, 5.0, Weight::Bold) * 0.8;
  auto fitted = fit_text({0, 0, width, 2, 5.0, 4.0, Weight::Bold}, {position});
  ASSERT_TRUE(fitted);
  ASSERT_EQ(fitted->runs.size(), 2u);
  EXPECT_DOUBLE_EQ(fitted->size, 5.0) << "wrapping was enough";
  const std::string first = fitted->runs[0].text;
  EXPECT_TRUE(first.back() == '/' || first.back() == '-') << first;
  EXPECT_EQ(first + fitted->runs[1].text, position) << "nothing cut, nothing lost";
  EXPECT_NEAR(fitted->runs[1].y - fitted->runs[0].y, line_pitch(5.0), 1e-9);
  for (const TextRun& run : fitted->runs) EXPECT_LE(text_width(run.text, 5.0, Weight::Bold), width);
}

TEST(TextFit, WordsWrapAtSpacesAndTheSpaceIsNotPrinted) {
  const std::string name = "MÜLLER-LÜDENSCHEIDT, JÖRG";
  auto fitted = fit_text({0, 0, text_width("MÜLLER-LÜDENSCHEIDT,", 3.0), 3, 3.0}, {name});
  ASSERT_TRUE(fitted);
  EXPECT_EQ(lines_of(*fitted), (std::vector<std::string>{"MÜLLER-LÜDENSCHEIDT,", "JÖRG"}));
}

TEST(TextFit, ShrinksWhenItMayNotWrap) {
  const std::string description = "HPC, APHERESIS, CD3+";
  const double width = text_width(description, 2.4, Weight::Bold) * 0.85;
  auto fitted = fit_text({0, 0, width, 1, 2.4, 1.8, Weight::Bold}, {description});
  ASSERT_TRUE(fitted);
  ASSERT_EQ(fitted->runs.size(), 1u);
  EXPECT_LT(fitted->size, 2.4);
  EXPECT_GE(fitted->size, 1.8);
  EXPECT_LE(text_width(description, fitted->size, Weight::Bold), width);
  EXPECT_GT(text_width(description, fitted->size + 0.1, Weight::Bold), width) << "the largest size that fits";
}

TEST(TextFit, TheBottomOfTheBoxLimitsTheLines) {
  const std::vector<std::string> notes{"one", "two", "three"};
  const double pitch = line_pitch(2.0) + 0.25 * 2.0;
  const double two_lines = 10 + pitch + 2.0 + line_descent(2.0);
  EXPECT_TRUE(fit_text({0, 10, 50, 9, 2.0, 2.0, Weight::Regular, two_lines + pitch}, notes));
  EXPECT_FALSE(fit_text({0, 10, 50, 9, 2.0, 2.0, Weight::Regular, two_lines}, notes)) << "three lines need more";
}

TEST(TextFit, AWordWiderThanTheBoxAtTheMinimumIsRefusedNamingTheField) {
  Layout layout;
  const std::string id = "SHIPPER2026EUROPEFRANKFURTCRYOGENIC";
  Result<double> placed = place_text(layout, {0, 0, 40, 2, 3.0, 1.8}, id, "shipper_id", "apheresis-shipper");
  ASSERT_FALSE(placed.ok());
  EXPECT_EQ(placed.error().field, "shipper_id");
  EXPECT_TRUE(
      placed.error().message.starts_with("shipper_id does not fit on apheresis-shipper: 35 characters, at most "))
      << placed.error().message;
  EXPECT_NE(placed.error().message.find("(2 lines of 40.0 mm at 1.8 mm)"), std::string::npos) << placed.error().message;
  EXPECT_TRUE(layout.elements.empty()) << "nothing is printed of a text that does not fit";
}

TEST(TextFit, ACaptionedFieldIsCountedWithoutItsCaption) {
  Layout layout;
  Result<double> placed = place_text(layout, {0, 0, 40, 1, 3.0}, "Shipper ", "SHIPPER2026EUROPEFRANKFURTCRYOGENIC",
                                     "shipper_id", "shipper");
  ASSERT_FALSE(placed.ok());
  EXPECT_TRUE(placed.error().message.starts_with("shipper_id does not fit on shipper: 35 characters, at most "))
      << placed.error().message;
  placed = place_text(layout, {0, 0, 40, 1, 3.0}, "Shipper ", "AS-77", "shipper_id", "shipper");
  ASSERT_TRUE(placed.ok());
  ASSERT_EQ(layout.elements.size(), 1u);
  EXPECT_EQ(std::get<TextRun>(layout.elements[0]).text, "Shipper AS-77");
}

TEST(TextFit, CharactersAreCountedNotBytes) {
  EXPECT_EQ(character_count("MÜLLER"), 6u);
  EXPECT_EQ(character_count("ΠΑΠΑ"), 4u);
  Layout layout;
  Result<double> placed = place_text(layout, {0, 0, 10, 1, 3.0}, "ЩЕРБАКОВА ЩЕРБАКОВА", "patient.name", "x");
  ASSERT_FALSE(placed.ok());
  EXPECT_NE(placed.error().message.find(": 19 characters, at most "), std::string::npos) << placed.error().message;
}

TEST(TextFit, AListFitsWholeOrIsRefusedSayingHowManyWouldFit) {
  Layout layout;
  const std::vector<std::string> notes{"Do not irradiate", "Keep upright", "Store at 2-8 C", "Fourth", "Fifth"};
  const double bottom = 20 + 2 * (line_pitch(1.8) + 0.25 * 1.8) + 1.8 + line_descent(1.8);  // three at 1.8
  Result<double> placed = place_list(layout, {0, 20, 80, 20, 2.4, 1.8, Weight::Regular, bottom}, notes, "notes", "bag");
  ASSERT_FALSE(placed.ok());
  EXPECT_EQ(placed.error().field, "notes");
  EXPECT_TRUE(placed.error().message.starts_with("notes do not fit on bag: 5 notes, at most 3 "))
      << placed.error().message;
  EXPECT_TRUE(layout.elements.empty()) << "no note is dropped: none is printed";

  placed = place_list(layout, {0, 20, 80, 20, 2.4, 1.8, Weight::Regular, bottom}, {notes[0], notes[1], notes[2]},
                      "notes", "bag");
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(layout.elements.size(), 3u);
}

TEST(TextFit, AnEmptyTextPrintsNothing) {
  Layout layout;
  Result<double> placed = place_text(layout, {0, 7, 10, 1, 3.0}, "", "anticoagulant", "bag");
  ASSERT_TRUE(placed.ok());
  EXPECT_DOUBLE_EQ(placed.value(), 7);
  EXPECT_TRUE(layout.elements.empty());
}

}  // namespace
}  // namespace cj::labels
