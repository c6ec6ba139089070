// Local checks: every read parsed with isbt128/ at once; bad codes rejected before anything is sent.
#include "scanner/local_check.h"

#include <gtest/gtest.h>

#include "tests/scanner/scanner_test_codes.h"

namespace cj::scanner {
namespace {

using namespace testing;

CheckedRead passed(const ReadCheck& check) {
  if (const auto* rejection = std::get_if<Rejection>(&check))
    ADD_FAILURE() << rejection->code << ": " << rejection->message;
  const auto* read = std::get_if<CheckedRead>(&check);
  return read ? *read : CheckedRead{};
}

TEST(LocalCheck, ADinIsReadAsABag) {
  const CheckedRead read = passed(check_read(din_text(1)));
  ASSERT_EQ(read.codes.size(), 1u);
  EXPECT_EQ(read.codes[0].kind, CodeKind::Din);
  EXPECT_EQ(read.codes[0].value, din_value(1));
  EXPECT_EQ(read.scan, din_text(1));
}

TEST(LocalCheck, TheAimIdentifierAndLineEndIsNotSent) {
  const CheckedRead read = passed(check_read("]C0" + din_text(1) + "\r\n"));
  EXPECT_EQ(read.scan, din_text(1));
  EXPECT_EQ(read.symbology, "Code128");
}

TEST(LocalCheck, AConcatenatedReadIsSplitIntoItsTwoStructures) {
  const CheckedRead read = passed(check_read("]C4" + din_text(2) + product_code_text()));
  ASSERT_EQ(read.codes.size(), 2u);
  EXPECT_EQ(read.codes[0].kind, CodeKind::Din);
  EXPECT_EQ(read.codes[1].kind, CodeKind::ProductCode);
  EXPECT_EQ(read.scan, din_text(2) + product_code_text()) << "sent as read: the server parses it again";
}

TEST(LocalCheck, ACompoundMessageIsSplitIntoItsStructuresWithoutTheHeader) {
  const CheckedRead read = passed(check_read("]d1" + compound_text(3, "00003C")));
  ASSERT_EQ(read.codes.size(), 3u);
  EXPECT_EQ(read.codes[0].kind, CodeKind::Din);
  EXPECT_EQ(read.codes[1].kind, CodeKind::ProductCode);
  EXPECT_EQ(read.codes[2].kind, CodeKind::Coi);
  EXPECT_EQ(read.symbology, "DataMatrix");
}

TEST(LocalCheck, AWrongCheckCharacterIsRejectedOnTheSpot) {
  // Type 3 flags carry a MOD 37-2 check of the DIN: change one DIN digit and they no longer match.
  std::string text = isbt128::format(isbt128::make_din("A9999", 26, 4).value());
  text[8] = text[8] == '0' ? '1' : '0';
  const ReadCheck check = check_read(text);
  ASSERT_TRUE(std::holds_alternative<Rejection>(check));
  EXPECT_EQ(std::get<Rejection>(check).code, "CHECK_FAILED");
  EXPECT_FALSE(std::get<Rejection>(check).message.empty());
}

TEST(LocalCheck, AnUnknownStructureIsRejectedOnTheSpot) {
  const ReadCheck check = check_read("=~12345");
  ASSERT_TRUE(std::holds_alternative<Rejection>(check));
  EXPECT_EQ(std::get<Rejection>(check).code, "UNKNOWN_DATA_IDENTIFIER");
}

TEST(LocalCheck, ACutShortCompoundMessageIsRejected) {
  const std::string text = compound_text(5, "00005E");
  const ReadCheck check = check_read(text.substr(0, text.size() - 17));
  ASSERT_TRUE(std::holds_alternative<Rejection>(check));
}

TEST(LocalCheck, AnEmptyReadIsRejected) {
  ASSERT_TRUE(std::holds_alternative<Rejection>(check_read("\r\n")));
  EXPECT_EQ(std::get<Rejection>(check_read("]C0")).code, "EMPTY_READ");
}

TEST(LocalCheck, AReadOfOnlySpacesIsAnEmptyReadNotAnIdentifier) {
  const ReadCheck check = check_read("   \r\n");
  ASSERT_TRUE(std::holds_alternative<Rejection>(check));
  EXPECT_EQ(std::get<Rejection>(check).code, "EMPTY_READ");
  EXPECT_EQ(std::get<Rejection>(check).message, "Empty scan: nothing was read. Scan the barcode again.");
}

TEST(LocalCheck, TextThatIsNotIsbt128IsAnIdentifierForTheServerToResolve) {
  const CheckedRead read = passed(check_read("]Q1SHIP-0042"));
  ASSERT_EQ(read.codes.size(), 1u);
  EXPECT_EQ(read.codes[0].kind, CodeKind::Identifier);
  EXPECT_EQ(read.scan, "SHIP-0042");
}

TEST(LocalCheck, KindNamesRoundTrip) {
  for (CodeKind kind : {CodeKind::Coi, CodeKind::Din, CodeKind::ProductCode, CodeKind::Wristband, CodeKind::OtherIsbt,
                        CodeKind::Identifier}) {
    CodeKind back = CodeKind::Identifier;
    ASSERT_TRUE(kind_from_name(kind_name(kind), back)) << kind_name(kind);
    EXPECT_EQ(back, kind);
  }
  CodeKind unused;
  EXPECT_FALSE(kind_from_name("bag", unused));
}

}  // namespace
}  // namespace cj::scanner
