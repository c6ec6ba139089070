// Code 128 module rows read back into values: the pattern table is the standard's (every
// character 11 modules in three bars, all different), and ZXing's rows read back to the start
// code, the characters as typed and a matching check character.
#include "labels/code128_codewords.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cj::labels {
namespace {

int modules(std::string_view widths) {
  int sum = 0;
  for (char c : widths) sum += c - '0';
  return sum;
}

TEST(Code128Codewords, EveryPatternIsElevenModulesAndUnique) {
  std::set<std::string> seen;
  for (int v = 0; v < 106; ++v) {
    const std::string_view widths = code128_widths(v);
    ASSERT_EQ(widths.size(), 6u) << v;
    EXPECT_EQ(modules(widths), 11) << v;
    // Bars (odd positions) add up to an even number of modules: the standard's parity rule.
    EXPECT_EQ((widths[0] + widths[2] + widths[4] - 3 * '0') % 2, 0) << v;
    EXPECT_TRUE(seen.insert(std::string(widths)).second) << v << " twice";
  }
  EXPECT_EQ(code128_widths(kCode128Stop), "2331112");
  EXPECT_EQ(modules(code128_widths(kCode128Stop)), 13);
  EXPECT_TRUE(code128_widths(107).empty());
}

TEST(Code128Codewords, SubsetBCharactersReadBackAsTyped) {
  // Letters and punctuation (no digit pairs): start B, then each character's value is ASCII - 32.
  const std::string text = "=A&<ISBT!/%+*";
  Result<ModuleGrid> row = code128_modules(text);
  ASSERT_TRUE(row.ok());
  Result<std::vector<int>> values = code128_codewords(row.value());
  ASSERT_TRUE(values.ok()) << values.error().message;
  ASSERT_EQ(values.value().size(), text.size() + 2) << "start, characters, check";
  EXPECT_EQ(values.value().front(), kCode128StartB);
  for (std::size_t i = 0; i < text.size(); ++i) EXPECT_EQ(values.value()[i + 1], text[i] - 32) << i;
}

TEST(Code128Codewords, DigitPairsReadBackInSubsetC) {
  Result<std::vector<int>> values = code128_codewords(code128_modules("00994217").value());
  ASSERT_TRUE(values.ok()) << values.error().message;
  EXPECT_EQ(values.value(), (std::vector<int>{kCode128StartC, 0, 99, 42, 17, values.value().back()}));
  // Check character: (105 + 0*1 + 99*2 + 42*3 + 17*4) % 103.
  EXPECT_EQ(values.value().back(), (105 + 99 * 2 + 42 * 3 + 17 * 4) % 103);
}

TEST(Code128Codewords, EveryPrintableCharacterReadsBack) {
  for (char c = 0x20; c < 0x7f; ++c) {
    const std::string text = std::string("x") + c;
    Result<std::vector<int>> values = code128_codewords(code128_modules(text).value());
    ASSERT_TRUE(values.ok()) << text << ": " << values.error().message;
    EXPECT_EQ(values.value()[2], c - 32) << text;
  }
}

TEST(Code128Codewords, DamagedRowsAreRefused) {
  ModuleGrid row = code128_modules("=<S1194100").value();
  ModuleGrid short_row = row;
  short_row.width -= 1;
  short_row.dark.pop_back();
  EXPECT_FALSE(code128_codewords(short_row).ok()) << "not whole characters";
  ModuleGrid flipped = row;
  flipped.dark[11 * 3 + 5] ^= 1;  // one module of the third character
  EXPECT_FALSE(code128_codewords(flipped).ok());
  ModuleGrid swapped = row;
  // Swap the second and third characters: every pattern still valid, the check character not.
  std::swap_ranges(swapped.dark.begin() + 11, swapped.dark.begin() + 22, swapped.dark.begin() + 22);
  Result<std::vector<int>> values = code128_codewords(swapped);
  ASSERT_FALSE(values.ok());
  EXPECT_NE(values.error().message.find("check character"), std::string::npos) << values.error().message;
}

}  // namespace
}  // namespace cj::labels
