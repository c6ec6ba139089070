// ISO/IEC 7064 MOD 37-2 (pure system), the ISBT 128 check character (ST-001 Appendix A):
// keyboard check character K of DINs, Type 3 DIN flags (checksum + 60), GRID [039] checksum.
#pragma once

#include <string_view>

#include "isbt128/result.h"

namespace cj::isbt128 {

// Value of a check-character input: '0'-'9' -> 0-9, 'A'-'Z' -> 10-35 (I and O included);
// -1 for anything else. '*' (36) is only ever a result, never an input.
int mod37_2_value(char c);

// The MOD 37-2 checksum (0-36) of `text`. Every character must be 0-9 or A-Z: nothing is
// skipped, so a stray space or lowercase letter is INVALID_CHARACTER at its position, never
// silently ignored. Empty text: EMPTY_INPUT.
Result<int> mod37_2_checksum(std::string_view text);

// The check character for `checksum`: 0-9, A-Z, or '*' for 36. REQUIRES 0 <= checksum <= 36.
char mod37_2_character(int checksum);

}  // namespace cj::isbt128
