// Canonical JSON: the one text of a JSON value that the hash chain hashes (docs/audit.md).
//
//  - objects: members sorted by key, comparing the keys' UTF-8 bytes (unsigned); no duplicates;
//  - no whitespace anywhere;
//  - strings: UTF-8, escaped as Boost.JSON 1.81 writes them: \" \\ \b \f \n \r \t, any other
//    byte below 0x20 as \u00XX (lowercase hex); everything else, '/' and non-ASCII included, as is;
//  - numbers: integers in decimal ("-5", "18446744073709551615"); doubles as Boost.JSON 1.81
//    writes them (shortest round-trip, exponent form: -152.0 is "-1.52E2", 0.1 is "1E-1");
//  - true, false, null.
//
// PostgreSQL's jsonb keeps numbers as numeric and may print them differently ("-1.52E2" comes
// back as "-152"), so a document read back from jsonb is compared with same_json(), which
// treats numbers by value, not re-serialised and compared as text.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace cj::journal {

/// The canonical text of value.
std::string canonical_json(const boost::json::value& value);

/// True when a and b are the same document: same kinds, same strings and keys, same members
/// (in any order), arrays element by element, numbers equal by value (1 == 1.0 == 1E0).
/// Otherwise false, and *where (when given) names the first difference: "data.temperature_c",
/// "operators[1]", or "" for the whole value.
bool same_json(const boost::json::value& a, const boost::json::value& b, std::string* where = nullptr);

/// True when text can be stored in a PostgreSQL text or jsonb value: valid UTF-8, no NUL.
bool storable_text(std::string_view text);
/// storable_text() for every string and key inside value.
bool storable_json(const boost::json::value& value);

}  // namespace cj::journal
