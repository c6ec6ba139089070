// What an alert says, on each channel: the email (subject and RFC 5322 text), the webhook's JSON
// body, and the board's feed notice. Minimum data: the COI and the patient's initials in email,
// the COI alone in the webhook and the feed; never a name, an MRN or a wristband.
//
//   AlertFacts facts = ...;          // read by the outbox (alert_outbox.h)
//   const std::string subject = email_subject(facts);
//   // "[CellJourney] CRITICAL BLOCKING_DEVIATION at city - CHA99992600001A (J.D.)"
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

namespace cj::alerts {

struct AlertFacts {
  std::int64_t alert_id = 0;
  std::string purpose;  // "alert" or "escalation"
  std::string trigger;  // "critical_deviation", "overdue_clock", "temperature_excursion", "near_miss"
  std::int64_t site_id = 0;
  std::string site_code;
  std::string site_name;
  std::string severity;  // "minor", "major", "critical"
  std::string code;      // the deviation's or near miss's code ("BLOCKING_DEVIATION")
  std::string coi;
  std::string initials;   // the patient's, for email only
  std::string message;    // the deviation's message; for a near miss, what was scanned
  std::string raised_at;  // ISO 8601 UTC
  std::optional<std::int64_t> deviation_id;
  std::optional<std::int64_t> near_miss_id;
  std::string link_base;  // "https://celljourney.example.org" or "" (no links)
};

/// "[CellJourney] CRITICAL BLOCKING_DEVIATION at city - CHA99992600001A (J.D.)", with
/// "ESCALATED: " before the severity for an escalation.
std::string email_subject(const AlertFacts& facts);

/// The plain text: what happened, what to do (workflows' guidance for the code), the link to
/// the journey and to the deviations inbox, and how to acknowledge.
std::string email_body(const AlertFacts& facts);

/// The whole message as sent (headers, CRLF line ends, dot-stuffing left to the SMTP client):
/// From, To, Subject, Date (date: RFC 5322 form), Message-ID, MIME text/plain UTF-8.
std::string email_message(const AlertFacts& facts, const std::string& from, const std::string& to,
                          const std::string& date, const std::string& message_id);

/// The webhook's JSON: {"alert", "purpose", "trigger", "site", "severity", "code", "journey",
/// "deviation_id" | "near_miss_id", "message", "what_to_do", "raised_at", "link"}.
std::string webhook_body(const AlertFacts& facts);

/// The feed notice of type "alert" for the board (site_id for the feed's fan-out).
boost::json::object board_notice(const AlertFacts& facts);

/// The guidance for a code name ("TEMP_EXCURSION"), or a general sentence for an unknown one.
std::string what_to_do(const std::string& code);

}  // namespace cj::alerts
