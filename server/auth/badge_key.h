// The key of a person's badge (users.badge_code), from a raw badge read.
//
// A badge is read by the station's scanner like any label: an ISBT 128 Staff Member
// Identification Number [020] ("='" + facility + staff id) is stored as "isbt128:" + its
// content, so the same badge read with or without the scanner's AIM identifier, or typed, gives
// the same key; any other badge (a hospital's own code) is its text with an AIM identifier
// ("]C0"), surrounding whitespace and CR/LF removed.
//
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cj::auth {

inline constexpr std::size_t kMaxBadgeKey = 64;

/// The key, or nullopt when the read is empty, longer than kMaxBadgeKey or holds a character
/// that is not printable ASCII.
std::optional<std::string> badge_key(std::string_view raw);

}  // namespace cj::auth
