// Sending one message: an email through an SMTP relay, a JSON POST to a webhook (libcurl, a
// real conversation each, bounded by a timeout). The answer is nullopt when it went, else what
// went wrong in words for the delivery's record ("SMTP: Couldn't connect to server ...").
//
// Blocking: call them on the alert worker's thread only. Thread-safety: each call uses its own
// curl handle; curl_global_init runs once, the first time either is called.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cj::alerts {

struct SmtpRelay {
  std::string host;
  int port = 587;
  bool starttls = true;  // STARTTLS required (the relay's certificate verified), else plain SMTP
  std::string from;      // the envelope sender, a bare address
  std::string user;      // empty: no AUTH
  std::string password;
};

/// Sends message (RFC 5322 text with CRLF line ends) to the address `to`.
std::optional<std::string> send_email(const SmtpRelay& relay, const std::string& to, const std::string& message,
                                      std::chrono::seconds timeout);

/// POSTs body (application/json) to url with the extra headers ("Name: value"); any answer but
/// 2xx is an error naming its status.
std::optional<std::string> post_json(const std::string& url, const std::string& body,
                                     const std::vector<std::string>& headers, std::chrono::seconds timeout);

}  // namespace cj::alerts
