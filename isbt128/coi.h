// Chain of Identity Identifier [040] "&/CHαppppyynnnnnn" (ST-001 §2.4.40, ST-028): one per
// patient therapy, printed on every label of the journey.
#pragma once

#include <string_view>

#include "isbt128/result.h"
#include "isbt128/structure.h"

namespace cj::isbt128 {

// `fin`: the issuing organisation's FIN (5 characters, DIN FIN rules); `year`: last two digits
// of the nominal year of issue (0-99); `sequence`: 6 capital letters or digits ("00001A").
// Errors: WRONG_LENGTH, INVALID_CHARACTER. No keyboard check character is made: which
// characters feed K for 040 is defined in ST-028, which the reference does not give.
Result<Structure> make_coi(std::string_view fin, int year, std::string_view sequence);

}  // namespace cj::isbt128
