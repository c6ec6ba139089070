// Compound Message [023] "=+aabbb": aa structures follow, in any order (bbb = 000) or in the
// order of RT017 message bbb (licensed; only ST-017's 035 is known here).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "isbt128/result.h"
#include "isbt128/structure.h"

namespace cj::isbt128 {

// The structure numbers message `message` requires, in order; empty when the order is free
// ("000") or not known to this codec (other RT017 messages: count checked, order not).
std::span<const std::string_view> compound_order(std::string_view message);

// The compound header for `structures` followed by copies of them: format() of the result is
// the text of a 2-D symbol. Errors: NOT_ALLOWED_IN_COMPOUND (a national structure or a compound
// header among them), COMPOUND_COUNT_MISMATCH (none, or more than 99),
// COMPOUND_ORDER_MISMATCH (not in the order `message` requires), INVALID_CHARACTER (message not
// three digits), MISSING_DIVISIONS (a 003 with division 99 and no 032).
Result<std::vector<Structure>> make_compound_message(std::span<const Structure> structures,
                                                     std::string_view message = "000");

// For parse(): whether `members`, the structures after `header`, are in the order its message
// requires. `first_position` is the offset of members[0] in the parsed text.
// Error: COMPOUND_ORDER_MISMATCH.
std::optional<Error> check_compound_order(const Structure& header, std::span<const Structure> members,
                                          std::size_t first_position);

}  // namespace cj::isbt128
