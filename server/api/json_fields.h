// Reading fields out of a JSON request body, refusing what does not fit with a 400 that names
// the field:
//   refuse_unknown_fields(body, {"username", "password"});   // 400 UNKNOWN_FIELD
//   auto name = required_string(body, "username", 64);         // 400 MISSING_FIELD / INVALID_FIELD
//   auto centre = optional_string(body, "issuing_centre", 200);
// Nested fields are named by path: "roles[2].site". Strings must be non-empty after trimming
// spaces, at most max_len bytes and free of NUL and control characters; they are returned as sent.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace cj::api {

/// Throws base::Failure (invalid) UNKNOWN_FIELD naming the first key of object not in allowed.
void refuse_unknown_fields(const boost::json::object& object, std::initializer_list<std::string_view> allowed,
                           std::string_view path = {});

/// The string at key. Throws 400 MISSING_FIELD when absent or null, INVALID_FIELD when not a
/// string, blank, longer than max_len bytes, or holding a NUL or a control character other than
/// tab and line breaks (every text field of the API, passwords included).
std::string required_string(const boost::json::object& object, std::string_view key, std::size_t max_len,
                            std::string_view path = {});

/// Same, but absent or null gives nullopt.
std::optional<std::string> optional_string(const boost::json::object& object, std::string_view key, std::size_t max_len,
                                           std::string_view path = {});

/// The array at key (400 MISSING_FIELD / INVALID_FIELD), with at most max_items elements.
const boost::json::array& required_array(const boost::json::object& object, std::string_view key, std::size_t max_items,
                                         std::string_view path = {});

/// The element of an array that must be an object; field is its name for errors ("roles[0]").
const boost::json::object& object_element(const boost::json::value& element, const std::string& field);

/// "roles" + "[2]" -> "roles[2]"; path + "." + key for nested objects.
std::string field_name(std::string_view path, std::string_view key);

/// How the API's error messages describe the times it accepts (workflows::parse_time: RFC 3339,
/// as a browser's `new Date().toISOString()` writes them).
inline constexpr std::string_view kTimeForms =
    "a time like 2026-11-20T10:00:00Z or 2026-11-20T10:00:00.123+01:00 (RFC 3339, with Z or an offset; "
    "fractions of a second are dropped)";

/// Checks a date "YYYY-MM-DD" or a time as workflows::parse_time() reads it (RFC 3339:
/// "2026-01-31T10:00:00Z", "2026-01-31T10:00:00.123Z", "2026-01-31T11:00:00+01:00"), on a real
/// calendar day, year 1900 or later (in UTC); throws 400 INVALID_FIELD naming field otherwise.
/// Returns it as a UTC time to the second usable as ::timestamptz ("2026-01-31" ->
/// "2026-01-31T00:00:00Z": midnight UTC, whatever the database session's time zone; the
/// fraction of a second truncated, an offset converted to UTC).
std::string checked_utc_time(const std::string& text, std::string_view field);

}  // namespace cj::api
