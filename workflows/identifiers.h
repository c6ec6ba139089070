// The manufacturer's own identifiers of a journey (Definition::identifiers): which kinds a
// product declares, and whether a value is one of them. The server keeps the values beside the
// COI; this is the one place that says what a valid value is, so that the API, the desk page's
// hints and the export agree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "workflows/definition.h"

namespace cj::workflows {

// Values are 1 to 64 printable ASCII characters without leading or trailing spaces: what the
// manufacturers' portals show, and nothing a label, a CSV cell or a search could misread (no
// control characters, no line breaks).
inline constexpr std::size_t kMaxIdentifierLength = 64;

// The product's rule for `kind`, or nullptr.
const IdentifierRule* find_identifier(const Definition& definition, std::string_view kind);

// Why `value` is not a valid `rule.kind`, for the person typing it ("... must look like
// 10 digits (1234567890)"); nullopt when it is valid.
std::optional<std::string> identifier_problem(const IdentifierRule& rule, std::string_view value);

}  // namespace cj::workflows
