#include "server/alerts/alert_message.h"

#include <algorithm>
#include <cctype>

#include <boost/json.hpp>

#include "workflows/codes.h"
#include "workflows/guidance.h"

namespace cj::alerts {

namespace json = boost::json;

namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

// Header values are one line: a CR or LF in a site name must not start a header of its own.
std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return text;
}

std::string journey_link(const AlertFacts& facts) {
  if (facts.link_base.empty()) return {};
  return facts.link_base + "/journey.html?coi=" + facts.coi;
}

std::string inbox_link(const AlertFacts& facts) {
  if (facts.link_base.empty()) return {};
  return facts.link_base + "/deviations.html?journey=" + facts.coi;
}

std::string trigger_words(const std::string& trigger) {
  if (trigger == "overdue_clock") return "A clock ran out (nothing was scanned in time)";
  if (trigger == "temperature_excursion") return "A temperature excursion";
  if (trigger == "near_miss") return "A near miss (another patient's identity was scanned)";
  return "A critical deviation";
}

}  // namespace

std::string what_to_do(const std::string& code) {
  for (const auto& info : workflows::code_catalogue()) {
    if (info.name == code) return std::string(workflows::what_to_do(info.code));
  }
  return "Check the journey in CellJourney and call QA.";
}

std::string email_subject(const AlertFacts& facts) {
  std::string subject = "[CellJourney] ";
  if (facts.purpose == "escalation") subject += "ESCALATED: ";
  subject += upper(facts.severity) + " " + facts.code + " at " + facts.site_code + " - " + facts.coi;
  if (!facts.initials.empty()) subject += " (" + facts.initials + ")";
  return one_line(subject);
}

std::string email_body(const AlertFacts& facts) {
  std::string body;
  if (facts.purpose == "escalation") {
    body += "ESCALATED: nobody has acknowledged this critical alert since " + facts.raised_at + ".\r\n\r\n";
  }
  body += trigger_words(facts.trigger) + " at " + facts.site_name + " (" + facts.site_code + ").\r\n\r\n";
  body += "Journey (COI): " + facts.coi + "\r\n";
  body += "Code:          " + facts.code + " (" + facts.severity + ")\r\n";
  body += "Raised at:     " + facts.raised_at + "\r\n";
  body += "What happened: " + facts.message + "\r\n\r\n";
  body += "What to do: " + what_to_do(facts.code) + "\r\n\r\n";
  if (const auto link = journey_link(facts); !link.empty()) {
    body += "The journey:   " + link + "\r\n";
    body += "Review it:     " + inbox_link(facts) + "\r\n\r\n";
  }
  body += "Acknowledge it on the CellJourney board (alert " + std::to_string(facts.alert_id) +
          "); acknowledging the deviation in the inbox counts too.\r\n";
  return body;
}

std::string email_message(const AlertFacts& facts, const std::string& from, const std::string& to,
                          const std::string& date, const std::string& message_id) {
  std::string text;
  text += "From: CellJourney <" + one_line(from) + ">\r\n";
  text += "To: <" + one_line(to) + ">\r\n";
  text += "Subject: " + email_subject(facts) + "\r\n";
  text += "Date: " + one_line(date) + "\r\n";
  text += "Message-ID: <" + one_line(message_id) + ">\r\n";
  text += "MIME-Version: 1.0\r\n";
  text += "Content-Type: text/plain; charset=utf-8\r\n";
  text += "Content-Transfer-Encoding: 8bit\r\n";
  text += "X-CellJourney-Alert: " + std::to_string(facts.alert_id) + "\r\n";
  text += "\r\n";
  text += email_body(facts);
  return text;
}

std::string webhook_body(const AlertFacts& facts) {
  json::object body{{"alert", facts.alert_id},     {"purpose", facts.purpose},   {"trigger", facts.trigger},
                    {"site", facts.site_code},     {"severity", facts.severity}, {"code", facts.code},
                    {"journey", facts.coi},        {"message", facts.message},   {"what_to_do", what_to_do(facts.code)},
                    {"raised_at", facts.raised_at}};
  if (facts.deviation_id) body["deviation_id"] = *facts.deviation_id;
  if (facts.near_miss_id) body["near_miss_id"] = *facts.near_miss_id;
  const auto link = journey_link(facts);
  body["link"] = link.empty() ? json::value(nullptr) : json::value(link);
  return json::serialize(body);
}

json::object board_notice(const AlertFacts& facts) {
  json::object alert{
      {"id", facts.alert_id},        {"purpose", facts.purpose},   {"trigger", facts.trigger},
      {"site", facts.site_code},     {"severity", facts.severity}, {"code", facts.code},
      {"journey", facts.coi},        {"message", facts.message},   {"what_to_do", what_to_do(facts.code)},
      {"raised_at", facts.raised_at}};
  return {{"type", "alert"}, {"site_id", facts.site_id}, {"alert", std::move(alert)}};
}

}  // namespace cj::alerts
