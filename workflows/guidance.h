// What the person at the station does after a finding: one plain sentence or two per code
// (what to do next, whom to call), shown with every refusal and deviation of a decision
// ("what_to_do" in json_io.h; docs/deviations.md has the same column).
#pragma once

#include <optional>
#include <string_view>

#include "workflows/codes.h"

namespace cj::workflows {

// The code's own text, or nullopt when the table has none (a test requires one for every code
// of the catalogue).
std::optional<std::string_view> guidance_for(Code code);

// The code's text, or a general one for a code without its own.
std::string_view what_to_do(Code code);

}  // namespace cj::workflows
