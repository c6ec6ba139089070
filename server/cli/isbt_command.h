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
/// code on `out`. `isbt check DIN` prints the keyboard check character; `isbt check DIN K`
/// verifies a hand-typed DIN and its check character ("ok: ..." and 0, or 1 naming the expected
/// character). Diagnostics go to `err`. Returns 0 when every code parsed (every check held), 1
/// when some did not, 2 for a usage error or a DIN that is not valid.
int run_isbt_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

/// {"number": "001", "name": ..., "data_identifier": "=A", "text": ..., "retired": false,
///  "national": false, "fields": {...}}; "number" is null for national structures.
boost::json::object structure_to_json(const isbt128::Structure& structure);

/// {"input": ..., "structures": [...]} or {"input": ..., "error": {"code", "message", "position"}}.
/// Bytes of `input` that are not UTF-8 show as U+FFFD in "input"; positions stay byte offsets.
/// Input starting with a letter or digit (not a data identifier) is a hand-typed DIN with its
/// keyboard check character ("A9999 26 123456 T", "A999926123456T"): one DIN [001] structure as
/// a scanned DIN gives it, with "typed": true, "text" the eye-readable form with K, "flags"
/// null and "keyboard_check_character_verified": true; a wrong K is the error CHECK_FAILED
/// naming the expected character.
boost::json::object parse_to_json(std::string_view input);

}  // namespace cj::cli
