// DIN [001]: flags, Type 3 check flags, keyboard check character K, hand-typed and eye-readable DINs.
#include "isbt128/din.h"

#include <gtest/gtest.h>

#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::parse_error;
using testing::parse_one;

TEST(DinFlags, Type3FlagsMatchingTheDinAreVerified) {
  const Structure s = parse_one("=A99991412345683");  // A999914123456: checksum 23 -> 83
  EXPECT_EQ(text_field(s, "flag_type"), "check");
  EXPECT_EQ(text_field(s, "flag_meaning"), "MOD 37-2 checksum + 60, verified");
  EXPECT_EQ(text_field(s, "keyboard_check_character"), "N");
}

TEST(DinFlags, WrongType3FlagIsCheckFailedWithAnActionableMessage) {
  const Error error = parse_error("=A99991412345684");
  EXPECT_EQ(error.code, ErrorCode::CheckFailed);
  EXPECT_EQ(error.code_name(), "CHECK_FAILED");
  EXPECT_EQ(error.position, 14u);
  EXPECT_EQ(error.message,
            "Check character does not match: the DIN A999914123456 needs flag 83 (K=N), the label says 84. "
            "Rescan; if it repeats, do not use this label.");
}

TEST(DinFlags, WrongType3FlagAfterAnotherStructureGivesItsPositionInTheInput) {
  EXPECT_EQ(parse_error("=<S1194A00=A99991412345684").position, 24u);
}

TEST(DinFlags, Flag96IsTheChecksum36) {
  EXPECT_EQ(text_field(parse_one("=A99992201234696"), "keyboard_check_character"), "*");
}

TEST(DinFlags, Flags01To04AreContainersOfASet) {
  EXPECT_EQ(text_field(parse_one("=A99992612345603"), "flag_meaning"), "container 3 of a set");
}

TEST(DinFlags, Flags15To19AreContainers5To9) {
  EXPECT_EQ(text_field(parse_one("=A99992612345615"), "flag_meaning"), "container 5 of a set");
  EXPECT_EQ(text_field(parse_one("=A99992612345619"), "flag_meaning"), "container 9 of a set");
}

TEST(DinFlags, Flags20To59AreLocalAndNotInterpreted) {
  const Structure s = parse_one("=A99992612345631");
  EXPECT_EQ(text_field(s, "flag_type"), "local");
}

TEST(DinFlags, Flag14And97To99AndLettersAreReserved) {
  EXPECT_EQ(text_field(parse_one("=A99992612345614"), "flag_type"), "reserved");
  EXPECT_EQ(text_field(parse_one("=A99992612345697"), "flag_type"), "reserved");
  EXPECT_EQ(text_field(parse_one("=A999926123456AB"), "flag_type"), "reserved");
}

TEST(MakeDin, ComputesType3Flags) {
  Result<Structure> din = make_din("A9999", 14, 123456);
  ASSERT_TRUE(din.ok()) << din.error().message;
  EXPECT_EQ(format(din.value()), "=A99991412345683");
  EXPECT_EQ(din.value(), parse_one("=A99991412345683"));
}

TEST(MakeDin, KeepsExplicitFlags) {
  Result<Structure> din = make_din("A9999", 26, 123456, "01");
  ASSERT_TRUE(din.ok());
  EXPECT_EQ(format(din.value()), "=A99992612345601");
}

TEST(MakeDin, PadsYearAndSequenceWithZeros) {
  EXPECT_EQ(format(make_din("A9999", 5, 42, "00").value()), "=A99990500004200");
}

TEST(MakeDin, RefusesWrongType3Flags) {
  EXPECT_EQ(make_din("A9999", 14, 123456, "84").error().code, ErrorCode::CheckFailed);
}

TEST(MakeDin, RefusesAFourDigitYear) {
  EXPECT_EQ(make_din("A9999", 2026, 123456).error().code, ErrorCode::WrongLength);
}

TEST(MakeDin, RefusesAShortFin) { EXPECT_EQ(make_din("A999", 26, 123456).error().code, ErrorCode::WrongLength); }

TEST(MakeDin, RefusesAFinStartingWithO) {
  EXPECT_EQ(make_din("O9999", 26, 123456).error().code, ErrorCode::InvalidCharacter);
}

TEST(KeyboardCheckCharacter, AcceptsTheEyeReadableForm) {
  EXPECT_EQ(keyboard_check_character("A9999 26 123456").value(), 'T');
  EXPECT_EQ(keyboard_check_character("A999926123456").value(), 'T');
}

TEST(KeyboardCheckCharacter, RefusesLowercase) {
  const Error error = keyboard_check_character("a999926123456").error();
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 0u);
}

TEST(KeyboardCheckCharacter, RefusesTwelveCharacters) {
  EXPECT_EQ(keyboard_check_character("A99992612345").error().code, ErrorCode::WrongLength);
}

TEST(KeyboardDin, AcceptsSpacedForm) {
  Result<KeyboardDin> din = parse_keyboard_din("A9999 26 123456 N");
  ASSERT_FALSE(din.ok());  // K of A999926123456 is T, not N
  Result<KeyboardDin> right = parse_keyboard_din("A9999 14 123456 N");
  ASSERT_TRUE(right.ok()) << right.error().message;
  EXPECT_EQ(right.value(), (KeyboardDin{"A999914123456", "A9999", 14, 123456, 'N'}));
}

TEST(KeyboardDin, AcceptsUnspacedForm) {
  Result<KeyboardDin> din = parse_keyboard_din("A999914123456N");
  ASSERT_TRUE(din.ok()) << din.error().message;
  EXPECT_EQ(din.value().din, "A999914123456");
}

TEST(KeyboardDin, AcceptsTheIssueExampleWithItsRealCheckCharacter) {
  EXPECT_TRUE(parse_keyboard_din("A9999 26 123456 T").ok());
  EXPECT_TRUE(parse_keyboard_din("A999926123456T").ok());
}

TEST(KeyboardDin, WrongCheckCharacterIsCheckFailed) {
  const Error error = parse_keyboard_din("A9999 26 123456 N").error();
  EXPECT_EQ(error.code, ErrorCode::CheckFailed);
  EXPECT_EQ(error.position, 16u);
  EXPECT_NE(error.message.find("has check character T, you typed N"), std::string::npos) << error.message;
}

TEST(KeyboardDin, AsteriskIsAValidCheckCharacter) {
  EXPECT_TRUE(parse_keyboard_din("A9999 22 012346 *").ok());  // checksum 36
}

TEST(KeyboardDin, IgnoresLeadingAndTrailingSpaces) { EXPECT_TRUE(parse_keyboard_din("  A999914123456N ").ok()); }

TEST(KeyboardDin, RefusesASpaceInsideAGroup) {
  const Error error = parse_keyboard_din("A99 99 14 123456 N").error();
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 3u);
}

TEST(KeyboardDin, RefusesDoubleSpaces) {
  EXPECT_EQ(parse_keyboard_din("A9999  14 123456 N").error().code, ErrorCode::InvalidCharacter);
}

TEST(KeyboardDin, RefusesAMissingCheckCharacter) {
  EXPECT_EQ(parse_keyboard_din("A9999 14 123456").error().code, ErrorCode::WrongLength);
}

TEST(KeyboardDin, RefusesTooManyCharacters) {
  const Error error = parse_keyboard_din("A9999 14 123456 NN").error();
  EXPECT_EQ(error.code, ErrorCode::WrongLength);
  EXPECT_EQ(error.position, 17u);
}

TEST(KeyboardDin, RefusesEmptyText) { EXPECT_EQ(parse_keyboard_din("   ").error().code, ErrorCode::EmptyInput); }

TEST(KeyboardDin, RefusesLowercaseCheckCharacter) {
  EXPECT_EQ(parse_keyboard_din("A9999 14 123456 n").error().code, ErrorCode::InvalidCharacter);
}

TEST(EyeReadableDin, GroupsFinYearAndSequenceAndGivesK) {
  const EyeReadableDin din = eye_readable_din("A999818123456").value();  // ST-001 §7.5.1.1
  EXPECT_EQ(din.text, "A9998 18 123456");
  EXPECT_EQ(din.check_character, 'N');
  EXPECT_EQ(din.with_check_character(), "A9998 18 123456 N");
}

TEST(EyeReadableDin, FromAScannedDinIgnoresTheFlags) {
  const EyeReadableDin din = eye_readable_din(parse_one("=W00000912345676"));  // ST-001 §7.4.1
  EXPECT_EQ(din.with_check_character(), "W0000 09 123456 G");
}

TEST(EyeReadableDin, ReadsBackAsAKeyboardDin) {
  const EyeReadableDin din = eye_readable_din("A999921123456").value();
  EXPECT_TRUE(parse_keyboard_din(din.with_check_character()).ok());
}

TEST(EyeReadableDin, OfAnotherStructureIsAProgrammingError) {
  EXPECT_THROW(eye_readable_din(parse_one("=<S1194A00")), std::invalid_argument);
}

}  // namespace
}  // namespace cj::isbt128
