// Error codes are stable SCREAMING_SNAKE strings: integrations key on them.
#include "isbt128/error.h"

#include <gtest/gtest.h>

namespace cj::isbt128 {
namespace {

TEST(ErrorCodes, HaveStableNames) {
  EXPECT_EQ(code_name(ErrorCode::EmptyInput), "EMPTY_INPUT");
  EXPECT_EQ(code_name(ErrorCode::UnknownDataIdentifier), "UNKNOWN_DATA_IDENTIFIER");
  EXPECT_EQ(code_name(ErrorCode::WrongLength), "WRONG_LENGTH");
  EXPECT_EQ(code_name(ErrorCode::InvalidCharacter), "INVALID_CHARACTER");
  EXPECT_EQ(code_name(ErrorCode::CheckFailed), "CHECK_FAILED");
  EXPECT_EQ(code_name(ErrorCode::CompoundCountMismatch), "COMPOUND_COUNT_MISMATCH");
  EXPECT_EQ(code_name(ErrorCode::CompoundOrderMismatch), "COMPOUND_ORDER_MISMATCH");
  EXPECT_EQ(code_name(ErrorCode::NotAllowedInCompound), "NOT_ALLOWED_IN_COMPOUND");
  EXPECT_EQ(code_name(ErrorCode::MissingDivisions), "MISSING_DIVISIONS");
  EXPECT_EQ(code_name(ErrorCode::InvalidDate), "INVALID_DATE");
  EXPECT_EQ(code_name(ErrorCode::UnsupportedCentury), "UNSUPPORTED_CENTURY");
}

TEST(ErrorCodes, ErrorKnowsItsCodeName) {
  const Error error{ErrorCode::CheckFailed, "message", 3};
  EXPECT_EQ(error.code_name(), "CHECK_FAILED");
}

}  // namespace
}  // namespace cj::isbt128
