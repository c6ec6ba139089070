// `celljourney isbt parse|check|help`: the ISBT 128 codec from the command line, and the JSON
// shape of a parsed scan (docs/isbt128.md).
#pragma once

#include <boost/json/object.hpp>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "isbt128/structure.h"

namespace cj::cli {

/// args: what follows `isbt`. `isbt parse [CODE...]` reads codes from the arguments, or one per
/// line from `in` (trailing CR/LF stripped, empty lines skipped), and writes one JSON object per
/// code on `out`. `isbt check DIN` prints the keyboard check character. Diagnostics go to `err`.
/// Returns 0 when every code parsed, 1 when some did not, 2 for a usage error.
int run_isbt_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

/// {"number": "001", "name": ..., "data_identifier": "=A", "text": ..., "retired": false,
///  "national": false, "fields": {...}}; "number" is null for national structures.
boost::json::object structure_to_json(const isbt128::Structure& structure);

/// {"input": ..., "structures": [...]} or {"input": ..., "error": {"code", "message", "position"}}.
/// Bytes of `input` that are not UTF-8 show as U+FFFD in "input"; positions stay byte offsets.
boost::json::object parse_to_json(std::string_view input);

}  // namespace cj::cli
