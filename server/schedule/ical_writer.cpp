#include "server/schedule/ical_writer.h"

namespace cj::schedule {

namespace {

constexpr std::size_t kMaxOctets = 75;

// A continuation byte of a UTF-8 sequence (10xxxxxx): never the first octet of a folded line.
bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.append("\\n");
    } else if (c == '\n') {
      out.append("\\n");
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      continue;  // other control characters are not allowed in TEXT (§3.3.11)
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string fold_line(std::string_view line) {
  std::string out;
  std::size_t at = 0;
  std::size_t room = kMaxOctets;  // the first line holds 75 octets, the next 74 after their space
  while (line.size() - at > room) {
    std::size_t cut = at + room;
    while (cut > at && continuation(line[cut])) --cut;  // back to the start of the character
    out.append(line.substr(at, cut - at)).append("\r\n ");
    at = cut;
    room = kMaxOctets - 1;
  }
  out.append(line.substr(at)).append("\r\n");
  return out;
}

std::string ical_utc(workflows::TimePoint time) {
  std::string iso = workflows::format_time(time);  // "2026-12-07T08:00:00Z"
  std::string out;
  for (const char c : iso)
    if (c != '-' && c != ':') out.push_back(c);
  return out;
}

std::string write_calendar(std::string_view calendar_name, const std::vector<CalendarEvent>& events,
                           workflows::TimePoint stamp) {
  std::string out;
  out += fold_line("BEGIN:VCALENDAR");
  out += fold_line("VERSION:2.0");
  out += fold_line("PRODID:-//CellJourney//Schedule//EN");
  out += fold_line("CALSCALE:GREGORIAN");
  out += fold_line(std::string("X-WR-CALNAME:") + escape_text(calendar_name));
  for (const CalendarEvent& e : events) {
    out += fold_line("BEGIN:VEVENT");
    out += fold_line(std::string("UID:") + e.uid);
    out += fold_line(std::string("DTSTAMP:") + ical_utc(stamp));
    out += fold_line(std::string("DTSTART:") + ical_utc(e.start));
    if (e.end) out += fold_line(std::string("DTEND:") + ical_utc(*e.end));
    out += fold_line(std::string("SUMMARY:") + escape_text(e.summary));
    if (!e.description.empty()) out += fold_line(std::string("DESCRIPTION:") + escape_text(e.description));
    out += fold_line("END:VEVENT");
  }
  out += fold_line("END:VCALENDAR");
  return out;
}

}  // namespace cj::schedule
