// Decoder hooks named by the structure table: the rules of a structure that a field layout
// cannot express. Each appends fields in reading order and may return an Error.
#pragma once

#include <optional>
#include <vector>

#include "isbt128/structure_table.h"

namespace cj::isbt128 {

std::optional<Error> decode_din(const HookInput& input, std::vector<Field>& fields);                     // 001
std::optional<Error> decode_product_code(const HookInput& input, std::vector<Field>& fields);            // 003
std::optional<Error> decode_container(const HookInput& input, std::vector<Field>& fields);               // 017
std::optional<Error> decode_compound_header(const HookInput& input, std::vector<Field>& fields);         // 023
std::optional<Error> decode_consignment(const HookInput& input, std::vector<Field>& fields);             // 028
std::optional<Error> decode_flexible_date_time(const HookInput& input, std::vector<Field>& fields);      // 031
std::optional<Error> decode_processor_product_code(const HookInput& input, std::vector<Field>& fields);  // 034
std::optional<Error> decode_sec(const HookInput& input, std::vector<Field>& fields);                     // 038
std::optional<Error> decode_grid(const HookInput& input, std::vector<Field>& fields);                    // 039
std::optional<Error> decode_coi(const HookInput& input, std::vector<Field>& fields);                     // 040

}  // namespace cj::isbt128
