// How long a session lasts, and how many a person may have open.
#pragma once

namespace cj::auth {

/// The absolute lifetime: one shift; then the token is refused however busy it was.
inline constexpr const char* kSessionLifetime = "12 hours";
/// Open sessions per person: a new login ends the oldest beyond this many (a tablet, a ward PC,
/// a laptop... and a forgotten one is not kept alive by a new one).
inline constexpr int kMaxOpenSessions = 5;
/// last_seen_at is refreshed at most this often, so that an ordinary request stays read-only.
inline constexpr const char* kLastSeenResolution = "30 seconds";
// The idle timeout is each site's session_idle_minutes (migration 0012; the shortest of the
// person's sites, 15 minutes by default), computed by SQL session_idle_limit(user_id).

}  // namespace cj::auth
