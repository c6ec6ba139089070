// parse(): scanned text -> ISBT 128 data structures.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "isbt128/error.h"
#include "isbt128/result.h"
#include "isbt128/structure.h"

namespace cj::isbt128 {

using ParseResult = Result<std::vector<Structure>>;

// Splits `text` into data structures by data identifier and length, so that concatenated
// symbols ("=A99992612345600=<S1194A00") give one structure each; checks each one (length,
// character set at every position, dates, check characters) and then the scan as a whole:
//   - a Compound Message [023] must be followed by exactly the announced number of
//     structures, to the end of the text, none of them national or another compound header;
//     a fixed-order message this codec knows (035, ST-017) must have that order;
//   - a Product Code [003] with division 99 needs a Product Divisions [032] in the same text.
// Empty text, or text of only spaces, tabs, CR and LF (a scanner's bare Enter), is EMPTY_INPUT
// at position 0: an empty scan is an error, never an empty list of structures.
// Errors (first one found, left to right, then the scan-wide ones): EMPTY_INPUT,
// UNKNOWN_DATA_IDENTIFIER, WRONG_LENGTH, INVALID_CHARACTER, CHECK_FAILED, INVALID_DATE,
// UNSUPPORTED_CENTURY, COMPOUND_COUNT_MISMATCH, COMPOUND_ORDER_MISMATCH,
// NOT_ALLOWED_IN_COMPOUND, MISSING_DIVISIONS. Positions are byte offsets into `text`.
// On success format() of the structures, concatenated, is `text` again.
ParseResult parse(std::string_view text);

// parse() into `out`, reusing its storage (for hot loops: no allocation once warm). On error
// `out` holds the structures read before the one that failed.
std::optional<Error> parse_into(std::string_view text, std::vector<Structure>& out);

}  // namespace cj::isbt128
