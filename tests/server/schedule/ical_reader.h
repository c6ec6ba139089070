// A small strict iCalendar (RFC 5545) reader for the tests: it refuses what a writer must not
// produce, so that a test reading a calendar back checks the writer's form as well as its content.
//   - every line ends with CRLF; no bare CR or LF (§3.1)
//   - no physical line longer than 75 octets; a folded line starts with one space (§3.1)
//   - NAME:VALUE lines, BEGIN/END balanced, VCALENDAR with VERSION:2.0 and PRODID (§3.4, §3.6)
//   - each VEVENT has UID, DTSTAMP and DTSTART; date-times in UTC form "YYYYMMDDTHHMMSSZ" (§3.3.5)
//   - TEXT values (SUMMARY, DESCRIPTION, X-WR-CALNAME) use only the escapes \\ \; \, \n and
//     no bare ; or , (§3.3.11); they are returned unescaped
// Parameters (NAME;PARAM=...) are not produced by our writer and are refused.
#pragma once

#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace cj::testing {

struct IcalEvent {
  std::map<std::string, std::string> props;  // name -> value (TEXT values unescaped)
};

struct Ical {
  std::map<std::string, std::string> props;  // the calendar's own
  std::vector<IcalEvent> events;
};

inline std::string ical_unescape(const std::string& name, const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == ';' || c == ',') throw std::runtime_error(name + ": unescaped '" + std::string(1, c) + "'");
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i == value.size()) throw std::runtime_error(name + ": a backslash at the end");
    const char e = value[i];
    if (e == '\\' || e == ';' || e == ',') out.push_back(e);
    else if (e == 'n' || e == 'N') out.push_back('\n');
    else throw std::runtime_error(name + ": unknown escape \\" + std::string(1, e));
  }
  return out;
}

/// Throws std::runtime_error naming the first thing wrong.
inline Ical read_ical(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t crlf = text.find("\r\n", at);
    if (crlf == std::string::npos) throw std::runtime_error("the last line does not end with CRLF");
    std::string line = text.substr(at, crlf - at);
    if (line.find('\r') != std::string::npos || line.find('\n') != std::string::npos) {
      throw std::runtime_error("a bare CR or LF in: " + line);
    }
    if (line.size() > 75)
      throw std::runtime_error(std::string("a line of ") + std::to_string(line.size()) + " octets: " + line);
    if (!line.empty() && line[0] == ' ') {
      if (lines.empty()) throw std::runtime_error("a continuation as the first line");
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    at = crlf + 2;
  }
  static const std::regex kUtc(R"(\d{8}T\d{6}Z)");
  static const std::regex kName(R"([A-Z][A-Z0-9-]*)");
  Ical cal;
  std::vector<std::string> open;
  IcalEvent* event = nullptr;
  for (const std::string& line : lines) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) throw std::runtime_error("no ':' in: " + line);
    const std::string name = line.substr(0, colon), raw = line.substr(colon + 1);
    if (!std::regex_match(name, kName)) throw std::runtime_error("a bad property name (or parameters): " + name);
    if (name == "BEGIN") {
      if (open.empty() && raw != "VCALENDAR") throw std::runtime_error("the document does not start with VCALENDAR");
      if (raw == "VEVENT") {
        if (open.size() != 1) throw std::runtime_error("a VEVENT outside the VCALENDAR");
        cal.events.emplace_back();
        event = &cal.events.back();
      }
      open.push_back(raw);
      continue;
    }
    if (name == "END") {
      if (open.empty() || open.back() != raw) throw std::runtime_error("END:" + raw + " does not close its BEGIN");
      if (raw == "VEVENT") {
        for (const char* required : {"UID", "DTSTAMP", "DTSTART"})
          if (!event->props.count(required)) throw std::runtime_error(std::string("a VEVENT without ") + required);
        event = nullptr;
      }
      open.pop_back();
      continue;
    }
    if (open.empty()) throw std::runtime_error("a property after the VCALENDAR: " + line);
    const bool text_value = name == "SUMMARY" || name == "DESCRIPTION" || name == "X-WR-CALNAME";
    const std::string value = text_value ? ical_unescape(name, raw) : raw;
    if ((name == "DTSTAMP" || name == "DTSTART" || name == "DTEND") && !std::regex_match(value, kUtc)) {
      throw std::runtime_error(name + " is not a UTC date-time: " + value);
    }
    auto& props = event ? event->props : cal.props;
    if (props.count(name)) throw std::runtime_error(name + " twice");
    props[name] = value;
  }
  if (!open.empty()) throw std::runtime_error(open.back() + " is not closed");
  if (cal.props["VERSION"] != "2.0" || !cal.props.count("PRODID")) {
    throw std::runtime_error("the VCALENDAR lacks VERSION:2.0 or PRODID");
  }
  return cal;
}

}  // namespace cj::testing
