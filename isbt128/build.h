// Building single structures for labels from their content, checked exactly as parse() checks
// a scan. Error positions are offsets into format() of the structure being built.
#pragma once

#include <string_view>

#include "isbt128/result.h"
#include "isbt128/structure.h"

namespace cj::isbt128 {

// The structure numbered `number` ("001".."040") with `content` (everything after the data
// identifier; for a DIN, everything after '='). Errors: as decode_structure(), plus
// WRONG_LENGTH when the content is longer than the structure, and UNKNOWN_DATA_IDENTIFIER
// when no structure has that number. Scan-wide rules (a 003 with division 99 needs a 032) are
// not checked here: they belong to the scan (see parse()).
Result<Structure> make_structure(std::string_view number, std::string_view content);

// A national structure: `data_identifier` is "&a".."&z", "&;" or "&!"; `content` is printable
// ASCII and must not contain a valid data identifier (it would end the content when read back).
Result<Structure> make_national(std::string_view data_identifier, std::string_view content);

}  // namespace cj::isbt128
