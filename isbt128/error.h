// Errors of the ISBT 128 codec: values the caller must look at, never exceptions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cj::isbt128 {

// Stable codes: reports, integrations and the station UI key on code_name(), so never renumber
// or rename one; add new ones at the end.
enum class ErrorCode {
  EmptyInput,             // nothing was scanned
  UnknownDataIdentifier,  // the text does not start with a data identifier this codec knows
  WrongLength,            // a structure is cut short, or followed by stray characters
  InvalidCharacter,       // a character is outside the structure's character set at that place
  CheckFailed,            // a check character or Type 3 flag does not match the data
  CompoundCountMismatch,  // a compound message holds more or fewer structures than it announces
  CompoundOrderMismatch,  // a compound message with a fixed order has its structures in another order
  NotAllowedInCompound,   // a national structure or a nested compound message inside a compound message
  MissingDivisions,       // a product code with division 99 but no Product Divisions [032] in the scan
  InvalidDate,            // a date or time that does not exist (day 366 of 2026, hour 24, month 13)
  UnsupportedCentury,     // a century digit other than 0: the standard does not say which century
};

// "EMPTY_INPUT", "UNKNOWN_DATA_IDENTIFIER", ... (SCREAMING_SNAKE, stable).
std::string_view code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::EmptyInput;
  // For the person at the station: what is wrong and what to do next.
  std::string message;
  // 0-based byte offset into the text that was parsed (for builders: into format() of the
  // structure being built) where the problem shows. Always <= the text's length, and < it
  // unless the text is empty.
  std::size_t position = 0;

  std::string_view code_name() const { return isbt128::code_name(code); }
  bool operator==(const Error&) const = default;
};

// The advice that ends every message about a label read by a scanner.
inline constexpr std::string_view kRescanAdvice = "Rescan; if it repeats, do not use this label.";

}  // namespace cj::isbt128
