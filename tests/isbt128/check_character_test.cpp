// ISO/IEC 7064 MOD 37-2: every worked example of the reference (isbt128.md §4).
#include "isbt128/check_character.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "isbt128/din.h"

namespace cj::isbt128 {
namespace {

struct WorkedExample {
  const char* din;
  int checksum;
  char keyboard_check;
  const char* type3_flags;
};

// isbt128.md §4, all 14 rows.
constexpr WorkedExample kWorkedExamples[] = {
    {"G123417654321", 10, 'A', "70"}, {"G123498654321", 17, 'H', "77"}, {"A999914123456", 23, 'N', "83"},
    {"C000307001466", 6, '6', "66"},  {"A999922123459", 17, 'H', "77"}, {"A999922654321", 28, 'S', "88"},
    {"A999922012346", 36, '*', "96"}, {"A999917123456", 9, '9', "69"},  {"A999820123456", 14, 'E', "74"},
    {"A999818123456", 23, 'N', "83"}, {"W000009123456", 16, 'G', "76"}, {"A999921123456", 3, '3', "63"},
    {"G123489654321", 34, 'Y', "94"}, {"W036824954244", 32, 'W', "92"},
};

// Names each case by its DIN (in test names and failure messages) instead of raw bytes.
void PrintTo(const WorkedExample& example, std::ostream* out) { *out << example.din; }

class WorkedExampleTest : public ::testing::TestWithParam<WorkedExample> {};

TEST_P(WorkedExampleTest, ChecksumMatchesTheReference) {
  EXPECT_EQ(mod37_2_checksum(GetParam().din).value(), GetParam().checksum);
}

TEST_P(WorkedExampleTest, KeyboardCheckCharacterMatchesTheReference) {
  EXPECT_EQ(keyboard_check_character(GetParam().din).value(), GetParam().keyboard_check);
}

TEST_P(WorkedExampleTest, Type3FlagsAreChecksumPlus60) {
  const std::string din = GetParam().din;
  Result<Structure> structure = make_din(din.substr(0, 5), std::stoi(din.substr(5, 2)), std::stoi(din.substr(7, 6)));
  ASSERT_TRUE(structure.ok()) << structure.error().message;
  EXPECT_EQ(structure.value().content, din + GetParam().type3_flags);
}

INSTANTIATE_TEST_SUITE_P(Isbt128Reference, WorkedExampleTest, ::testing::ValuesIn(kWorkedExamples));

TEST(Mod37_2, Appendix_A_PositionWeightedSumGivesTheSameChecksum) {
  // ST-001 A.1/A.2: S = 146178 for G123417654321, S mod 37 = 28, checksum (38 - 28) mod 37 = 10.
  const std::string din = "G123417654321";
  long long sum = 0;
  for (std::size_t i = 0; i < din.size(); ++i) sum += mod37_2_value(din[i]) * (1LL << (din.size() - i));
  EXPECT_EQ(sum, 146178);
  EXPECT_EQ(sum % 37, 28);
  EXPECT_EQ(mod37_2_checksum(din).value(), (38 - 28) % 37);
}

TEST(Mod37_2, BasicUdiDiExampleOfSt017GivesChecksum08) { EXPECT_EQ(mod37_2_checksum("A9990ABC123T0480").value(), 8); }

TEST(Mod37_2, CharacterValuesIncludeIAndO) {
  EXPECT_EQ(mod37_2_value('I'), 18);
  EXPECT_EQ(mod37_2_value('O'), 24);
  EXPECT_EQ(mod37_2_value('Z'), 35);
  EXPECT_EQ(mod37_2_value('0'), 0);
}

TEST(Mod37_2, CheckCharacter36IsAsterisk) {
  EXPECT_EQ(mod37_2_character(36), '*');
  EXPECT_EQ(mod37_2_character(10), 'A');
  EXPECT_EQ(mod37_2_character(9), '9');
}

TEST(Mod37_2, NeverSkipsAnInvalidCharacter) {
  // jembi/bsis accepted "394 <abc> [6] {294}" as 3946294; here the first stray character is an error.
  Result<int> result = mod37_2_checksum("394 <abc> [6] {294}");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(result.error().position, 3u);
}

TEST(Mod37_2, RejectsLowercaseLetters) {
  Result<int> result = mod37_2_checksum("a999914123456");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(result.error().position, 0u);
}

TEST(Mod37_2, RejectsAsteriskAsInput) { EXPECT_FALSE(mod37_2_checksum("A99991412345*").ok()); }

TEST(Mod37_2, EmptyTextIsEmptyInput) { EXPECT_EQ(mod37_2_checksum("").error().code, ErrorCode::EmptyInput); }

}  // namespace
}  // namespace cj::isbt128
