// Writing an iCalendar (RFC 5545) document: a VCALENDAR of VEVENTs, for a week exported to a
// ward's calendar program. Pure.
//
// What the RFC asks and this does: CRLF after every line (§3.1); lines longer than 75 octets
// folded with CRLF + one space, never inside a UTF-8 character (§3.1); TEXT values with
// backslash, semicolon and comma escaped and line breaks written as \n (§3.3.11); DTSTAMP,
// DTSTART and DTEND as UTC date-times ("20261207T080000Z", §3.3.5 form 2); a UID per event
// (§3.8.4.7) that the caller keeps stable so that a re-import updates the event instead of
// adding a second one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/time_point.h"

namespace cj::schedule {

struct CalendarEvent {
  std::string uid;          // "CHA99992600001A-infusion@celljourney"
  std::string summary;      // plain text; escaped here
  std::string description;  // plain text; escaped here; empty: none
  workflows::TimePoint start;
  std::optional<workflows::TimePoint> end;  // none: the event is a point in time (no DTEND)
};

/// The document, with calendar_name as X-WR-CALNAME and stamp as every event's DTSTAMP.
std::string write_calendar(std::string_view calendar_name, const std::vector<CalendarEvent>& events,
                           workflows::TimePoint stamp);

/// A TEXT value escaped (§3.3.11): "a, b; c\d" -> "a\, b\; c\\d", a line break -> "\n".
std::string escape_text(std::string_view text);
/// One content line folded at 75 octets, each line ended by CRLF.
std::string fold_line(std::string_view line);
/// "20261207T080000Z".
std::string ical_utc(workflows::TimePoint time);

}  // namespace cj::schedule
