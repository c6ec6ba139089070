#include "isbt128/error.h"

namespace cj::isbt128 {

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::EmptyInput:
      return "EMPTY_INPUT";
    case ErrorCode::UnknownDataIdentifier:
      return "UNKNOWN_DATA_IDENTIFIER";
    case ErrorCode::WrongLength:
      return "WRONG_LENGTH";
    case ErrorCode::InvalidCharacter:
      return "INVALID_CHARACTER";
    case ErrorCode::CheckFailed:
      return "CHECK_FAILED";
    case ErrorCode::CompoundCountMismatch:
      return "COMPOUND_COUNT_MISMATCH";
    case ErrorCode::CompoundOrderMismatch:
      return "COMPOUND_ORDER_MISMATCH";
    case ErrorCode::NotAllowedInCompound:
      return "NOT_ALLOWED_IN_COMPOUND";
    case ErrorCode::MissingDivisions:
      return "MISSING_DIVISIONS";
    case ErrorCode::InvalidDate:
      return "INVALID_DATE";
    case ErrorCode::UnsupportedCentury:
      return "UNSUPPORTED_CENTURY";
  }
  return "UNKNOWN_ERROR";
}

}  // namespace cj::isbt128
