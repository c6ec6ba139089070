// Reading one data structure out of scanned text: the table walk shared by parse() and the
// make_* builders.
#pragma once

#include <cstddef>
#include <string_view>

#include "isbt128/result.h"
#include "isbt128/structure.h"

namespace cj::isbt128 {

// Reads the structure whose data identifier starts at text[pos] into `out` (reusing its
// storage) and returns the position just past it. Checks the data identifier, the length, the
// character set at every position, the dates and the check characters of that one structure;
// rules that span a whole scan (compound count and order, divisions) are parse()'s.
// Errors: UNKNOWN_DATA_IDENTIFIER, WRONG_LENGTH, INVALID_CHARACTER, CHECK_FAILED, INVALID_DATE,
// UNSUPPORTED_CENTURY, COMPOUND_COUNT_MISMATCH (a compound header announcing 00).
// REQUIRES pos < text.size().
Result<std::size_t> decode_structure(std::string_view text, std::size_t pos, Structure& out);

// Whether a valid data identifier starts at text[pos]: where national content ends.
bool starts_data_identifier(std::string_view text, std::size_t pos);

}  // namespace cj::isbt128
